//! The reading of each code a log repeats, looked up in the table once: a
//! log holds a few codes a million times, so a small table by code and
//! `isSuccessful` saves each line the lookup, and the writing of the
//! readable line's parts that the reading decides.

use nhncloud_header::{ResultCode, Service};

use crate::report::{Pieces, Reading, Report};

/// Slots by a hash of the code: two codes that share one take turns.
const SLOTS: usize = 64;

pub struct Readings {
    service: Service,
    /// The readable pieces are coloured.
    colour: bool,
    slots: Vec<Option<Slot>>,
}

struct Slot {
    code: i32,
    is_successful: bool,
    reading: Reading,
    pieces: Pieces,
}

impl Readings {
    pub fn new(service: Service, colour: bool) -> Self {
        Readings {
            service,
            colour,
            slots: (0..SLOTS).map(|_| None).collect(),
        }
    }

    pub fn service(&self) -> Service {
        self.service
    }

    /// The reading of `code` and its pieces; `None` for a string code, and
    /// for a code the table gives several rows (whose reading depends on
    /// the message).
    #[inline]
    pub fn of(
        &mut self,
        code: &ResultCode<&str>,
        is_successful: bool,
    ) -> Option<(&Reading, &Pieces)> {
        let ResultCode::Integer(code) = *code else {
            return None;
        };
        // Fibonacci hashing: the top bits of the code times 2^32 / φ.
        let index =
            ((code as u32).wrapping_mul(0x9e37_79b9) >> (32 - SLOTS.trailing_zeros())) as usize;
        let hit = self.slots[index]
            .as_ref()
            .is_some_and(|slot| slot.code == code && slot.is_successful == is_successful);
        if !hit {
            self.fill(index, code, is_successful)?;
        }
        let slot = self.slots[index].as_ref()?;
        Some((&slot.reading, &slot.pieces))
    }

    /// Reads `code` into slot `index`, reusing its pieces' room.
    #[cold]
    fn fill(&mut self, index: usize, code: i32, is_successful: bool) -> Option<()> {
        if self.service.catalog().entries_of(code).len() > 1 {
            return None;
        }
        let result_code = ResultCode::Integer(code);
        let reading = Reading::of(self.service, &result_code, is_successful, None);
        let mut pieces = self.slots[index]
            .take()
            .map(|slot| slot.pieces)
            .unwrap_or_default();
        let report = Report::new(is_successful, result_code, None, None, reading);
        pieces.write(&report, self.colour);
        self.slots[index] = Some(Slot {
            code,
            is_successful,
            reading,
            pieces,
        });
        Some(())
    }
}

//! Result-code classification as data: a [`Catalog`] is a pair of const
//! tables, and looking a code up is indexing, never searching.
//!
//! This is the shape of the Compute Instance catalog,
//! [`Catalog::COMPUTE`](crate::Catalog::COMPUTE), behind
//! [`classify`](crate::classify): a service of your own with the same kind of
//! numbering can have one too. The other NHN Cloud services' published
//! tables, with one category vocabulary across them, are
//! [`Service`](crate::Service) and [`ServiceCatalog`](crate::ServiceCatalog).

/// The result codes of one NHN Cloud service.
///
/// `C` is the service's class type and `A` its API type. A code is looked up
/// in three steps, each constant time: the dense `direct` table (small codes
/// such as `-8..=0`), then the `thousands` table indexed by `code / 1000`
/// (single codes such as 20001, then the `NN400..=NN499` API-error range),
/// then `unknown`.
///
/// ```
/// use nhncloud_header::{Catalog, Thousand};
///
/// #[derive(Clone, Copy, Debug, PartialEq)]
/// enum Storage { Success, PartialSuccess, AuthFailed, ApiError, Unknown }
/// #[derive(Clone, Copy, Debug, PartialEq)]
/// enum StorageApi { Container }
///
/// // Codes 1000 to 20999, by thousand: built in a const block.
/// const THOUSANDS: [Thousand<Storage, StorageApi>; 20] = {
///     let mut thousands = [Thousand::EMPTY; 20];
///     thousands[0].singles[0] = Some((0, Storage::PartialSuccess)); // 1000
///     thousands[19] = Thousand {
///         singles: [Some((1, Storage::AuthFailed)), None], // 20001
///         api_errors: Some((StorageApi::Container, Storage::ApiError)), // 20400..=20499
///     };
///     thousands
/// };
/// const STORAGE: Catalog<Storage, StorageApi> = Catalog {
///     direct_first: 0,
///     direct: &[Storage::Success],
///     thousands_first: 1,
///     thousands: &THOUSANDS,
///     unknown: Storage::Unknown,
/// };
///
/// const AUTH: Storage = STORAGE.lookup(20001).class;
/// assert_eq!(AUTH, Storage::AuthFailed);
/// assert_eq!(STORAGE.lookup(1000).class, Storage::PartialSuccess);
/// assert_eq!(STORAGE.lookup(20404).http_status, Some(404));
/// assert_eq!(STORAGE.lookup(7).class, Storage::Unknown);
/// ```
#[derive(Clone, Copy, Debug)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Catalog<C: 'static, A: 'static> {
    /// The code that `direct[0]` classifies.
    pub direct_first: i32,
    /// Classes of the consecutive codes from `direct_first` on.
    pub direct: &'static [C],
    /// The thousand (`code.div_euclid(1000)`) that `thousands[0]` covers.
    pub thousands_first: i32,
    /// Codes by thousand, from `thousands_first` on.
    pub thousands: &'static [Thousand<C, A>],
    /// The class of every code the tables do not name.
    pub unknown: C,
}

/// The codes of one thousand (e.g. 20000 to 20999) that a catalog names.
#[derive(Clone, Copy, Debug)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Thousand<C: 'static, A: 'static> {
    /// Up to two single codes, by their last three digits (`1` for 20001).
    pub singles: [Option<(u16, C)>; 2],
    /// When the last three digits are an HTTP client error (400 to 499): the
    /// API that raised it and the class of such codes.
    pub api_errors: Option<(A, C)>,
}

impl<C: 'static, A: 'static> Thousand<C, A> {
    /// A thousand that names no code.
    pub const EMPTY: Self = Thousand {
        singles: [None, None],
        api_errors: None,
    };
}

/// What a catalog says about one code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Lookup<C, A> {
    /// The code's class.
    pub class: C,
    /// For an API-error code: the API that raised it.
    pub api: Option<A>,
    /// For an API-error code: the HTTP status in its last three digits.
    pub http_status: Option<u16>,
}

impl<C, A> Lookup<C, A> {
    const fn plain(class: C) -> Self {
        Lookup {
            class,
            api: None,
            http_status: None,
        }
    }
}

impl<C: Copy, A: Copy> Catalog<C, A> {
    /// Classifies `code`: total over `i32`, constant time, usable in `const`.
    pub const fn lookup(&self, code: i32) -> Lookup<C, A> {
        let direct = code as i64 - self.direct_first as i64;
        if direct >= 0 && direct < self.direct.len() as i64 {
            return Lookup::plain(self.direct[direct as usize]);
        }
        let thousand = code.div_euclid(1000) as i64 - self.thousands_first as i64;
        if thousand < 0 || thousand >= self.thousands.len() as i64 {
            return Lookup::plain(self.unknown);
        }
        let thousand = &self.thousands[thousand as usize];
        let last_three = code.rem_euclid(1000) as u16;
        let mut single = 0;
        while single < thousand.singles.len() {
            if let Some((digits, class)) = thousand.singles[single]
                && digits == last_three
            {
                return Lookup::plain(class);
            }
            single += 1;
        }
        match thousand.api_errors {
            Some((api, class)) if last_three >= 400 && last_three <= 499 => Lookup {
                class,
                api: Some(api),
                http_status: Some(last_three),
            },
            _ => Lookup::plain(self.unknown),
        }
    }
}

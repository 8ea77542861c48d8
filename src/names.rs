//! Stable names: the crate's enums print as their `name()` and parse from
//! it, and a name that is none of them is an [`UnknownName`].

use core::fmt;

/// A name that is not one of the type's stable names, from `FromStr`.
///
/// ```
/// use nhncloud_header::{Advice, Service};
///
/// let error = "instance".parse::<Service>().unwrap_err();
/// assert_eq!(error.to_string(), "not the name of any service");
/// assert_eq!("retry".parse::<Advice>(), Ok(Advice::Retry));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct UnknownName {
    of: &'static str,
}

impl UnknownName {
    pub(crate) const fn of(what: &'static str) -> Self {
        UnknownName { of: what }
    }
}

impl fmt::Display for UnknownName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not the name of any {}", self.of)
    }
}

impl core::error::Error for UnknownName {}

/// `Display` as the type's stable `name()`.
macro_rules! display_name {
    ($($type:ty),*) => {$(
        impl core::fmt::Display for $type {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(self.name())
            }
        }
    )*};
}
pub(crate) use display_name;

/// `FromStr` by the type's `from_name`, failing with [`UnknownName`].
macro_rules! from_str_by_name {
    ($($type:ty => $what:literal),*) => {$(
        impl core::str::FromStr for $type {
            type Err = $crate::names::UnknownName;

            fn from_str(name: &str) -> Result<Self, $crate::names::UnknownName> {
                <$type>::from_name(name).ok_or($crate::names::UnknownName::of($what))
            }
        }
    )*};
}
pub(crate) use from_str_by_name;

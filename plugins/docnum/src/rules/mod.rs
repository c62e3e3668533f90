//! One rule per file.

mod bracket_style;
mod duplicate;
mod issuer_level;
mod missing_agency;
mod serial_format;
mod truncated_agency;
mod year_format;

pub use bracket_style::BracketStyle;
pub use duplicate::Duplicate;
pub use issuer_level::IssuerLevel;
pub use missing_agency::MissingAgency;
pub use serial_format::SerialFormat;
pub use truncated_agency::TruncatedAgency;
pub use year_format::YearFormat;

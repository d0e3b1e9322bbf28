//! The industries an outlet can run. Server and till share this one list; a package
//! names the industries that switch it on.
pub const INDUSTRIES: [&str; 10] = [
    "retail",
    "koperasi",
    "fnb",
    "beauty",
    "services",
    "education",
    "healthcare",
    "hospitality",
    "automotive",
    "agriculture",
];

pub fn is_known(code: &str) -> bool {
    INDUSTRIES.contains(&code)
}

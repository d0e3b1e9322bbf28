//! What a package or module adds to the app, declared in one value: its menu entries
//! (each with the permission it needs), its till if it has one, its translations. The
//! menu, the till and `t()` walk the registry (`packages::all()`); the package's routes
//! are its own `#[component(transparent)]`, listed once in `packages::Routes`.
use leptos::prelude::AnyView;

use crate::kernel::model::Session;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MenuEntry {
    pub path: &'static str,
    /// A translation key.
    pub label: &'static str,
    /// The menu group's translation key (`menu_sales`); empty for a link of its own at
    /// the top (the dashboard, the till).
    pub group: &'static str,
    /// The permission code the user must hold (`pos.view_reports`).
    pub permission: &'static str,
}

/// The group every package's settings pages join; it comes last in the menu.
pub const SETTINGS_GROUP: &str = "menu_settings";

/// One item of the top menu: a link of its own, or a named group of links.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MenuGroup {
    /// A translation key, or empty for a single top-level link.
    pub label: &'static str,
    pub entries: Vec<MenuEntry>,
}

pub struct AppPackage {
    /// The server's package code (`GET /auth/me` lists the ones switched on).
    pub code: &'static str,
    pub menu: &'static [MenuEntry],
    /// Outlet industries whose till this package provides (`/kasir`).
    pub till_industries: &'static [&'static str],
    pub till: Option<fn() -> AnyView>,
    /// This package's translations: key → (Bahasa Indonesia, English).
    pub translations: fn(&str) -> Option<(&'static str, &'static str)>,
    /// Pages anyone may open before signing in, linked from the sign-in page.
    pub public_links: &'static [PublicLink],
}

/// A page open without a session (the PIN switch, a loan simulator).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PublicLink {
    pub path: &'static str,
    /// A translation key.
    pub label: &'static str,
}

/// The sign-in page's links, in registry order.
pub fn public_links(registry: Registry) -> Vec<PublicLink> {
    registry
        .iter()
        .flat_map(|p| p.public_links.iter().copied())
        .collect()
}

pub type Registry = &'static [&'static AppPackage];

pub fn no_translations(_: &str) -> Option<(&'static str, &'static str)> {
    None
}

/// The menu a user sees: entries of the packages the tenant has switched on, for which
/// the user holds the permission, in registry order.
pub fn menu(registry: Registry, session: &Session) -> Vec<MenuEntry> {
    registry
        .iter()
        .filter(|p| session.has_package(p.code))
        .flat_map(|p| p.menu.iter().copied())
        .filter(|e| session.can(e.permission))
        .collect()
}

/// The menu as it is shown: top-level links first, then each group in the order the
/// registry first names it, settings last. Packages share a group by naming the same key.
pub fn menu_groups(registry: Registry, session: &Session) -> Vec<MenuGroup> {
    let entries = menu(registry, session);
    let mut groups: Vec<MenuGroup> = entries
        .iter()
        .filter(|e| e.group.is_empty())
        .map(|e| MenuGroup {
            label: "",
            entries: vec![*e],
        })
        .collect();
    // Named groups in the order the registry first names them, then settings. (No sort:
    // a stable sort's code would land in the till's first load.)
    for settings_pass in [false, true] {
        for e in &entries {
            if e.group.is_empty() || (e.group == SETTINGS_GROUP) != settings_pass {
                continue;
            }
            match groups.iter_mut().find(|g| g.label == e.group) {
                Some(g) => g.entries.push(*e),
                None => groups.push(MenuGroup {
                    label: e.group,
                    entries: vec![*e],
                }),
            }
        }
    }
    groups
}

/// The package whose till serves an outlet of `industry`.
pub fn till_for(registry: Registry, industry: &str) -> Option<&'static AppPackage> {
    registry
        .iter()
        .copied()
        .find(|p| p.till.is_some() && p.till_industries.contains(&industry))
}

/// The package (not the platform, which every tenant has) whose menu leads to `path` or
/// to a page under it.
pub fn package_of_path(registry: Registry, path: &str) -> Option<&'static AppPackage> {
    registry
        .iter()
        .copied()
        .filter(|p| p.code != "platform")
        .find(|p| p.menu.iter().any(|e| is_under(path, e.path)))
}

/// Whether `path` is the page `entry` or a page under it (`/pinjaman/123`).
pub fn is_under(path: &str, entry: &str) -> bool {
    path == entry
        || path
            .strip_prefix(entry)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// Whether outlets of `industry` sell through a till today.
pub fn has_till(industry: &str) -> bool {
    till_for(crate::packages::all(), industry).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kernel::model::{Session, User};

    const SALON_MENU: &[MenuEntry] = &[MenuEntry {
        path: "/salon",
        label: "salon",
        group: "menu_salon",
        permission: "salon.ping",
    }];

    fn salon_words(key: &str) -> Option<(&'static str, &'static str)> {
        (key == "salon").then_some(("Salon", "Salon"))
    }

    static SALON: AppPackage = AppPackage {
        code: "salon",
        menu: SALON_MENU,
        till_industries: &["beauty"],
        till: None,
        translations: salon_words,
        public_links: &[PublicLink {
            path: "/salon/harga",
            label: "salon",
        }],
    };

    fn session(packages: &[&str], permissions: &[&str]) -> Session {
        Session {
            user: User {
                id: "u".into(),
                email: "a@b.test".into(),
                name: "A".into(),
                tenant_id: Some("t".into()),
                tenant_name: None,
                roles: vec![],
                outlet_ids: None,
                status: "active".into(),
                has_pin: false,
                locale: "id".into(),
            },
            roles: vec![crate::kernel::model::Role::Owner],
            csrf_token: String::new(),
            home: "/dasbor".into(),
            device_id: None,
            packages: packages.iter().map(|s| s.to_string()).collect(),
            permissions: permissions.iter().map(|s| s.to_string()).collect(),
        }
    }

    /// A stand-in package registered only here: its menu entry shows when the tenant has
    /// it and the user holds its permission, and not otherwise.
    #[test]
    fn a_stand_in_package_is_one_registered_value() {
        let mut all: Vec<&'static AppPackage> = crate::packages::all().to_vec();
        all.push(&SALON);
        let registry: Registry = Vec::leak(all);
        let paths = |s: &Session| menu(registry, s).iter().map(|e| e.path).collect::<Vec<_>>();
        let on = session(&["platform", "salon"], &["salon.ping"]);
        assert_eq!(paths(&on), ["/salon"]);
        // Without the package, or without the permission, it is not there.
        assert!(paths(&session(&["platform"], &["salon.ping"])).is_empty());
        assert!(paths(&session(&["platform", "salon"], &[])).is_empty());
        // No till of its own yet: a beauty outlet gets the "coming" page.
        assert!(till_for(registry, "beauty").is_none());
        assert_eq!(
            crate::kernel::i18n::lookup_in(registry, "salon"),
            Some(("Salon", "Salon"))
        );
        assert!(public_links(registry)
            .iter()
            .any(|l| l.path == "/salon/harga"));
    }

    /// An owner's 17 entries fold into a handful of top items, settings last.
    #[test]
    fn the_menu_folds_into_groups() {
        let owner = session(
            &["platform", "pos", "inventory", "retail", "koperasi"],
            &[
                "platform.view_dashboard",
                "platform.view_staff",
                "platform.view_audit",
                "platform.use_till",
                "pos.view_reports",
                "pos.view_sales",
                "inventory.adjust_stock",
                "koperasi.manage_members",
                "koperasi.apply_loan",
            ],
        );
        let groups = menu_groups(crate::packages::all(), &owner);
        let labels: Vec<&str> = groups.iter().map(|g| g.label).collect();
        assert_eq!(
            labels,
            [
                "",
                "",
                "menu_sales",
                "menu_stock",
                "menu_koperasi",
                "menu_settings"
            ]
        );
        assert_eq!(groups[0].entries[0].path, "/dasbor");
        assert_eq!(groups[1].entries[0].path, "/kasir");
        let settings: Vec<&str> = groups[5].entries.iter().map(|e| e.path).collect();
        assert_eq!(settings, ["/outlet", "/staf", "/audit"]);
        let total: usize = groups.iter().map(|g| g.entries.len()).sum();
        assert_eq!(total, menu(crate::packages::all(), &owner).len());
    }

    #[test]
    fn a_cafe_sees_no_koperasi_and_no_till() {
        let cafe = session(
            &["platform"],
            &["platform.view_staff", "koperasi.approve_loan"],
        );
        let paths: Vec<&str> = menu(crate::packages::all(), &cafe)
            .iter()
            .map(|e| e.path)
            .collect();
        assert!(paths.contains(&"/staf"));
        assert!(!paths.contains(&"/pinjaman") && !paths.contains(&"/kasir"));
        assert!(!has_till("fnb"));
        assert_eq!(
            package_of_path(crate::packages::all(), "/pinjaman").map(|p| p.code),
            Some("koperasi")
        );
        assert_eq!(
            package_of_path(crate::packages::all(), "/katalog").map(|p| p.code),
            Some("inventory")
        );
        assert!(package_of_path(crate::packages::all(), "/staf").is_none());
        assert!(package_of_path(crate::packages::all(), "/shuffle").is_none());
        assert!(has_till("retail"));
    }
}

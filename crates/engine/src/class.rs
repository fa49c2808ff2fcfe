//! Which Ingresses a simulation looks at: IngressClass selection. Sources: kubernetes/website
//! `ingress.md` "Ingress class" and "Default IngressClass"; kubernetes/kubernetes
//! `plugin/pkg/admission/network/defaultingressclass/admission.go` (the DefaultIngressClass
//! admission plugin: create only, newest default class wins since kubernetes/kubernetes#110974).

// The controllers' own class rules exist only with the controller profiles: without them (the
// playground's own engine) a controller profile answers nothing, so its admission is never shown.
#[cfg(feature = "controllers")]
mod controllers;
#[cfg(not(feature = "controllers"))]
mod controllers {
    use super::{Admission, ClassChoice, Ingress, IngressClass, Profile};

    pub(super) fn own_rules(
        _: Profile,
        _: &Ingress,
        _: &ClassChoice,
        _: Option<&str>,
        _: &[IngressClass],
    ) -> Option<Admission> {
        None
    }

    pub(super) fn setting(_: Profile, _: &ClassChoice) -> Option<String> {
        None
    }
}

use crate::model::{Ingress, IngressClass, Manifest};
use crate::profile::Profile;
use crate::validate::CLASS_ANNOTATION;

/// `ingressclass.kubernetes.io/is-default-class`.
pub const IS_DEFAULT_CLASS: &str = "ingressclass.kubernetes.io/is-default-class";

/// How the simulated class was chosen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClassChoice {
    /// The user named it.
    Chosen(String),
    /// No class named; the input's default IngressClass is used.
    Default(String),
    /// No class named and no default: every Ingress is simulated, whatever its class.
    Any,
    /// Every class was asked for ([`EVERY_CLASS`]), whatever the default.
    Every,
}

impl ClassChoice {
    /// The class name, unless every class is simulated.
    pub fn name(&self) -> Option<&str> {
        match self {
            ClassChoice::Chosen(n) | ClassChoice::Default(n) => Some(n),
            ClassChoice::Any | ClassChoice::Every => None,
        }
    }
}

/// The default IngressClass the `DefaultIngressClass` admission plugin would assign: the one
/// annotated `is-default-class: "true"`; with several, the newest by creationTimestamp, then the
/// lowest name (kubernetes/kubernetes#110974, since v1.25).
pub fn default_class(classes: &[IngressClass]) -> Option<&IngressClass> {
    classes.iter().filter(|c| c.is_default()).min_by(|a, b| {
        let ts = |c: &IngressClass| c.meta.creation_timestamp.as_ref().map(|t| t.value.clone()).unwrap_or_default();
        ts(b).cmp(&ts(a)).then_with(|| a.meta.name().cmp(b.meta.name()))
    })
}

/// The class name that asks for every class, even when the input has a default IngressClass.
pub const EVERY_CLASS: &str = "*";

/// Chooses the class to simulate: the requested one; [`EVERY_CLASS`] for all; none requested
/// means the input's default IngressClass, or every class when there is no default.
pub fn choose_class(manifest: &Manifest, requested: Option<&str>) -> ClassChoice {
    match requested.filter(|r| !r.is_empty()) {
        Some(EVERY_CLASS) => ClassChoice::Every,
        Some(name) => ClassChoice::Chosen(name.to_string()),
        None => match default_class(&manifest.classes) {
            Some(class) => ClassChoice::Default(class.meta.name().to_string()),
            None => ClassChoice::Any,
        },
    }
}

/// Per Ingress of `manifest` (manifest order): does the controller of `profile` admit it for the
/// simulated class? The simulator asks once per profile, when it compiles that profile. Every
/// profile follows the spec's rules (R1, [`admit`]) unless it says otherwise here.
pub(crate) fn admission(profile: Profile, manifest: &Manifest, choice: &ClassChoice) -> Vec<Admission> {
    let rules = ClassRules::new(profile, choice, &manifest.classes);
    manifest.ingresses.iter().map(|i| rules.admit(i)).collect()
}

/// The explanation's class step: which class is simulated and, under a controller profile with
/// its own class rules, how that controller is configured and what it takes.
pub(crate) fn describe(profile: Profile, choice: &ClassChoice) -> String {
    let Some(setting) = controllers::setting(profile, choice) else {
        return match choice {
            ClassChoice::Chosen(c) => format!("Simulating IngressClass {c:?} with the {profile} profile."),
            ClassChoice::Default(c) => {
                format!("Simulating IngressClass {c:?} (the default class in the input) with the {profile} profile.")
            }
            ClassChoice::Any => format!("No IngressClass chosen and none is marked default, so every Ingress takes part, whatever its class. Profile: {profile}."),
            ClassChoice::Every => {
                format!("All IngressClasses asked for: every Ingress takes part, whatever its class. Profile: {profile}.")
            }
        };
    };
    match choice {
        ClassChoice::Default(d) => format!("No IngressClass chosen, so {setting}. A class-less Ingress gets the default IngressClass {d:?} as spec.ingressClassName at creation. Profile: {profile}."),
        ClassChoice::Chosen(c) => format!("Simulating class {c:?}: {setting}. Profile: {profile}."),
        _ => format!("No IngressClass chosen, so {setting}. Profile: {profile}."),
    }
}

/// Whether an Ingress takes part, and why not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Admission {
    /// It takes part.
    Admitted,
    /// It belongs to another class; the text says how that was decided.
    OtherClass(String),
}

/// Decides whether `ingress` belongs to the simulated class. The field wins over the legacy
/// annotation (the API type comment: the annotation is deprecated; the field replaces it); an
/// Ingress with neither gets the default class at creation (admission plugin
/// `DefaultIngressClass`), if there is one.
pub fn admit(ingress: &Ingress, choice: &ClassChoice, default: Option<&str>) -> Admission {
    let Some(target) = choice.name() else {
        return Admission::Admitted;
    };
    if let Some(field) = ingress.spec.ingress_class_name.as_ref() {
        return if field.value == target {
            Admission::Admitted
        } else {
            Admission::OtherClass(format!("its spec.ingressClassName is {:?}, not {target:?}", field.value))
        };
    }
    if let Some(annotation) = ingress.meta.annotation(CLASS_ANNOTATION) {
        return if annotation.value == target {
            Admission::Admitted
        } else {
            Admission::OtherClass(format!(
                "its {CLASS_ANNOTATION} annotation is {:?}, not {target:?}",
                annotation.value
            ))
        };
    }
    match default {
        Some(d) if d == target => Admission::Admitted,
        Some(d) => Admission::OtherClass(format!("it names no class, so it gets the default class {d:?} at creation, not {target:?}")),
        None => Admission::OtherClass(format!("it names no class and the input has no default IngressClass, so no controller of class {target:?} picks it up")),
    }
}

/// Which Ingresses the profile's controller takes, decided one Ingress at a time: the spec
/// admission ([`admit`]) for the spec profile, each controller's own rules for the others (the
/// `controllers` submodule).
///
/// How the simulated class maps onto a controller's configuration: a class named by the user is
/// the controller's own class setting (ingress-nginx's, ingress-gce's and the ALB controller's `--ingress-class`,
/// Traefik's `ingressClass`, Contour's `--ingress-class-name`); no class named (the input's
/// default IngressClass, or none) is the controller run without one; [`EVERY_CLASS`] takes every
/// Ingress.
#[derive(Clone, Copy, Debug)]
struct ClassRules<'a> {
    profile: Profile,
    choice: &'a ClassChoice,
    classes: &'a [IngressClass],
    /// The default IngressClass's name, which a class-less Ingress gets at creation.
    default: Option<&'a str>,
}

impl<'a> ClassRules<'a> {
    /// The rules of `profile` for the simulated `choice`, given the input's IngressClasses.
    fn new(profile: Profile, choice: &'a ClassChoice, classes: &'a [IngressClass]) -> ClassRules<'a> {
        let default = default_class(classes).map(|c| c.meta.name());
        ClassRules { profile, choice, classes, default }
    }

    /// Whether the profile's controller takes `ingress`, and why not.
    fn admit(&self, ingress: &Ingress) -> Admission {
        controllers::own_rules(self.profile, ingress, self.choice, self.default, self.classes)
            .unwrap_or_else(|| admit(ingress, self.choice, self.default))
    }
}

/// The classes an input names, for a front end's class menu.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct ClassNames {
    /// The input's default IngressClass (the one annotated `is-default-class`, the newest of
    /// several), used when none is chosen.
    pub default: Option<String>,
    /// Every class named by an IngressClass or by an Ingress (`ingressClassName`, else the
    /// `kubernetes.io/ingress.class` annotation), each once, in the order the input names them
    /// (a menu sorts them as it likes; sorting here would cost the JS API package 2.5 KB).
    pub names: Vec<String>,
}

impl ClassNames {
    /// The classes `manifest` names.
    pub fn of(manifest: &Manifest) -> ClassNames {
        let classes = manifest.classes.iter().map(|c| c.meta.name());
        let named = manifest.ingresses.iter().filter_map(|ingress| {
            let named = ingress.spec.ingress_class_name.as_ref().or_else(|| ingress.meta.annotation(CLASS_ANNOTATION));
            named.map(|n| n.value.as_str())
        });
        let mut names: Vec<String> = Vec::new();
        for name in classes.chain(named) {
            if !name.is_empty() && !names.iter().any(|n| n == name) {
                names.push(name.to_string());
            }
        }
        ClassNames { default: default_class(&manifest.classes).map(|c| c.meta.name().to_string()), names }
    }
}

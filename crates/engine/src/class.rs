//! Which Ingresses a simulation looks at: IngressClass selection. Sources: kubernetes/website
//! `ingress.md` "Ingress class" and "Default IngressClass"; kubernetes/kubernetes
//! `plugin/pkg/admission/network/defaultingressclass/admission.go` (the DefaultIngressClass
//! admission plugin: create only, newest default class wins since kubernetes/kubernetes#110974).

use crate::model::{Ingress, IngressClass, Manifest};
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

//! What the input says about itself as a whole: the controller it is written for (so that the
//! `spec` profile, which reads no annotation, can suggest that controller's profile), and an
//! input that holds no Ingress at all.

use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::model::{Manifest, ObjectMeta};
use crate::profile::Profile;
use crate::source::{input_order, SourceId, Span};

/// IngressClass `spec.controller` values, exactly.
const CLASS_CONTROLLERS: &[(&str, Profile)] = &[
    // kubernetes/ingress-nginx internal/ingress/controller/ingressclass/ingressclass.go
    // (`DefaultControllerName`).
    ("k8s.io/ingress-nginx", Profile::IngressNginx),
    // kubernetes-sigs/aws-load-balancer-controller pkg/ingress/class_loader.go
    // (`ingressClassControllerALB`).
    ("ingress.k8s.aws/alb", Profile::AwsAlb),
    // traefik/traefik pkg/provider/kubernetes/ingress/kubernetes.go
    // (`traefikDefaultIngressClassController`).
    ("traefik.io/ingress-controller", Profile::Traefik),
];

/// IngressClass `spec.controller` prefixes: Contour matches Ingresses by class name only
/// (projectcontour/contour internal/ingressclass/ingressclass.go), so its IngressClasses name it
/// in more than one way (`projectcontour.io/contour`, `projectcontour.io/ingress-controller`).
const CLASS_CONTROLLER_PREFIXES: &[(&str, Profile)] = &[("projectcontour.io/", Profile::Contour)];

/// Annotation keys (a prefix, or a whole key) each controller reads.
const ANNOTATIONS: &[(&str, Profile)] = &[
    ("nginx.ingress.kubernetes.io/", Profile::IngressNginx),
    ("alb.ingress.kubernetes.io/", Profile::AwsAlb),
    ("traefik.ingress.kubernetes.io/", Profile::Traefik),
    ("projectcontour.io/", Profile::Contour),
    // kubernetes/ingress-gce pkg/annotations/ingress.go.
    ("ingress.gcp.kubernetes.io/", Profile::Gce),
    ("kubernetes.io/ingress.global-static-ip-name", Profile::Gce),
];

/// `kubernetes.io/ingress.class` values each controller answers to by default: ingress-nginx
/// `DefaultAnnotationValue` (ingressclass.go above), the AWS Load Balancer Controller's `alb`
/// (docs/guide/ingress/ingress_class.md), Traefik's `traefikDefaultIngressClass` (kubernetes.go
/// above), Contour's `DefaultClassName` (ingressclass.go above), ingress-gce's `GceIngressClass`
/// and `GceL7ILBIngressClass` (pkg/annotations/ingress.go).
const CLASS_ANNOTATION_VALUES: &[(&str, Profile)] = &[
    ("nginx", Profile::IngressNginx),
    ("alb", Profile::AwsAlb),
    ("traefik", Profile::Traefik),
    ("contour", Profile::Contour),
    ("gce", Profile::Gce),
    ("gce-internal", Profile::Gce),
];

const CLASS_ANNOTATION: &str = "kubernetes.io/ingress.class";

/// One sign that the input is written for a controller.
struct Evidence<'m> {
    profile: Profile,
    sign: Sign<'m>,
    span: Span,
}

/// What the sign is (formatted only for the first sign of each controller: a dump can carry
/// thousands of annotations).
enum Sign<'m> {
    /// An IngressClass's `spec.controller`.
    Class { name: &'m str, controller: &'m str },
    /// An Ingress annotation; `class` is the value of `kubernetes.io/ingress.class`.
    Annotation { meta: &'m ObjectMeta, key: &'m str, class: Option<&'m str> },
}

impl Evidence<'_> {
    fn position(&self, order: &[SourceId]) -> (usize, u32, u32, u32) {
        input_order(order, self.span)
    }
}

/// Keeps the first sign of each controller (`order`: the input's sources).
fn keep_first<'m>(first: &mut Vec<Evidence<'m>>, e: Evidence<'m>, order: &[SourceId]) {
    match first.iter_mut().find(|f| f.profile == e.profile) {
        Some(f) if e.position(order) < f.position(order) => *f = e,
        Some(_) => {}
        None => first.push(e),
    }
}

/// The first sign of each controller in the input (in no particular order: the simulator orders
/// diagnostics, and a sort instantiated for this alone would cost the playground's first load).
fn first_signs(manifest: &Manifest) -> Vec<Evidence<'_>> {
    let mut first = Vec::new();
    for class in &manifest.classes {
        let Some(controller) = &class.controller else { continue };
        let value = controller.value.as_str();
        let exact = CLASS_CONTROLLERS.iter().find(|(c, _)| *c == value);
        let prefixed = CLASS_CONTROLLER_PREFIXES.iter().find(|(p, _)| value.starts_with(p));
        if let Some((_, profile)) = exact.or(prefixed) {
            let sign = Sign::Class { name: class.meta.name(), controller: value };
            keep_first(&mut first, Evidence { profile: *profile, sign, span: controller.span }, &manifest.sources);
        }
    }
    for ingress in &manifest.ingresses {
        for (key, value) in &ingress.meta.annotations {
            let by_key = ANNOTATIONS.iter().find(|(k, _)| key.value.starts_with(k)).map(|(_, p)| *p);
            let by_class = (key.value == CLASS_ANNOTATION)
                .then(|| CLASS_ANNOTATION_VALUES.iter().find(|(v, _)| *v == value.value).map(|(_, p)| *p))
                .flatten();
            if let Some(profile) = by_key.or(by_class) {
                let class = by_class.map(|_| value.value.as_str());
                let sign = Sign::Annotation { meta: &ingress.meta, key: &key.value, class };
                keep_first(&mut first, Evidence { profile, sign, span: key.span }, &manifest.sources);
            }
        }
    }
    first
}

/// Under the `spec` profile: for each controller the input is written for, a notice at its first
/// sign that suggests that controller's profile (`suggested_profile`). Nothing under any other
/// profile.
pub(crate) fn controller_hints(manifest: &Manifest, profile: Profile) -> Vec<Diagnostic> {
    if profile != Profile::Spec {
        return Vec::new();
    }
    first_signs(manifest).into_iter().map(hint).collect()
}

/// The notice for a controller's first sign.
fn hint(e: Evidence<'_>) -> Diagnostic {
    let (what, object) = match e.sign {
        Sign::Class { name, controller } => {
            (format!("IngressClass {name} names the controller {controller}"), format!("IngressClass {name}"))
        }
        Sign::Annotation { meta, key, class } => {
            let what = match class {
                Some(value) => format!("the annotation {key}: {value}"),
                None => format!("the annotation {key}"),
            };
            (what, format!("Ingress {}/{}", meta.namespace(), meta.name()))
        }
    };
    let message = format!(
        "this input is written for {p} ({what}); the spec profile ignores controller annotations and routes as the Kubernetes documentation describes: choose the {p} profile to route as {p} does",
        p = e.profile
    );
    let mut hint = Diagnostic::new(Severity::Notice, Code::ControllerHint, message).at(e.span).on(object);
    hint.suggested_profile = Some(e.profile);
    hint
}

/// A notice when the input holds no Ingress and was read without error (empty, or only other
/// objects): otherwise "no problems" would be all there is to say about it. An input of Gateway
/// API objects has something to route (through its Gateways), so it gets no such notice.
pub(crate) fn no_ingress(manifest: &Manifest) -> Option<Diagnostic> {
    if !manifest.ingresses.is_empty() || manifest.diagnostics.iter().any(Diagnostic::is_error) {
        return None;
    }
    #[cfg(feature = "gateway")]
    if manifest.gateway.has_gateway_api() {
        return None;
    }
    let message = if manifest.documents == 0 && manifest.classes.is_empty() && manifest.services.is_empty() {
        "No Ingress in the input: it is empty, so there is nothing to route".to_string()
    } else {
        "No Ingress in the input (no document is an Ingress or a list of them), so there is nothing to route"
            .to_string()
    };
    Some(Diagnostic::new(Severity::Notice, Code::NoIngress, message))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hints(yaml: &str) -> Vec<Diagnostic> {
        controller_hints(&crate::decode::parse(yaml), Profile::Spec)
    }

    #[test]
    fn an_nginx_annotation_suggests_the_ingress_nginx_profile_at_its_line() {
        let yaml = "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: a\n  annotations:\n    nginx.ingress.kubernetes.io/use-regex: \"true\"\n    nginx.ingress.kubernetes.io/rewrite-target: /$1\n";
        let found = hints(yaml);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].code, Code::ControllerHint);
        assert_eq!(found[0].severity, Severity::Notice);
        assert_eq!(found[0].suggested_profile, Some(Profile::IngressNginx));
        assert_eq!(found[0].line(), Some(6));
        assert!(found[0].message.contains("nginx.ingress.kubernetes.io/use-regex"), "{}", found[0].message);
    }

    #[test]
    fn class_controllers_and_class_annotations_name_their_controllers() {
        let yaml = "apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata: {name: alb}\nspec: {controller: ingress.k8s.aws/alb}\n---\napiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata: {name: c}\nspec: {controller: projectcontour.io/ingress-controller}\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: g\n  annotations: {kubernetes.io/ingress.class: gce-internal}\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: t\n  annotations: {kubernetes.io/ingress.class: traefik}\n";
        let found: Vec<_> = hints(yaml).iter().map(|h| (h.suggested_profile, h.line())).collect();
        assert_eq!(
            found,
            [
                (Some(Profile::AwsAlb), Some(4)),
                (Some(Profile::Contour), Some(9)),
                (Some(Profile::Gce), Some(15)),
                (Some(Profile::Traefik), Some(21)),
            ]
        );
    }

    #[test]
    fn no_hint_without_evidence_or_under_a_controller_profile() {
        let plain = "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: a\n  annotations: {kubernetes.io/ingress.class: my-own, example.com/x: y}\n";
        assert!(hints(plain).is_empty());
        let nginx = "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: a\n  annotations: {nginx.ingress.kubernetes.io/canary: \"true\"}\n";
        assert_eq!(hints(nginx).len(), 1);
        assert!(controller_hints(&crate::decode::parse(nginx), Profile::IngressNginx).is_empty());
    }

    #[test]
    fn an_input_without_ingress_says_so() {
        let empty = no_ingress(&crate::decode::parse("")).expect("a notice");
        assert_eq!((empty.code, empty.severity), (Code::NoIngress, Severity::Notice));
        assert!(empty.message.starts_with("No Ingress in the input"), "{}", empty.message);
        let service = "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{port: 80}]}\n";
        assert!(no_ingress(&crate::decode::parse(service)).is_some());
        let ingress = "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: a}\n";
        assert!(no_ingress(&crate::decode::parse(ingress)).is_none());
        assert!(no_ingress(&crate::decode::parse("a: [unclosed\n")).is_none(), "a reading error says enough");
    }

    #[cfg(feature = "gateway")]
    #[test]
    fn gateway_api_objects_are_something_to_route() {
        let route = "apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: r}\nspec:\n  rules: [{backendRefs: [{name: web, port: 80}]}]\n";
        assert!(no_ingress(&crate::decode::parse(route)).is_none());
        // Namespaces alone route nothing.
        let namespace = "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n";
        assert!(no_ingress(&crate::decode::parse(namespace)).is_some());
    }
}

//! Class admission as each controller decides it, where that differs from the spec's (field
//! first, then the legacy annotation, then the default class). Every rule cites the function it
//! follows; the releases are those the profiles model (`docs/controller-sources.md`).

use super::{Admission, ClassChoice};
use crate::model::{Ingress, IngressClass};
use crate::profile::Profile;
use crate::validate::CLASS_ANNOTATION;

/// Contour's own class annotation, read before `kubernetes.io/ingress.class`.
const CONTOUR_CLASS_ANNOTATION: &str = "projectcontour.io/ingress.class";

/// The controller's own admission of `ingress` (`default`: the input's default IngressClass), or
/// `None` for the profiles that follow the spec's class rules.
pub(super) fn own_rules(
    profile: Profile,
    ingress: &Ingress,
    choice: &ClassChoice,
    default: Option<&str>,
    classes: &[IngressClass],
) -> Option<Admission> {
    let rule: fn(&Seen<'_>, Watch<'_>) -> Admission = match profile {
        Profile::Spec => return None,
        Profile::IngressNginx | Profile::IngressNginxV1_14_2 => |seen, watch| nginx_class(seen, watch, &INGRESS_NGINX),
        Profile::Gce => gce,
        Profile::AwsAlb => aws_alb,
        Profile::Traefik | Profile::TraefikV3_6 | Profile::TraefikV3_6_10 => traefik,
        Profile::TraefikIngressNginx => |seen, watch| nginx_class(seen, watch, &TRAEFIK_INGRESS_NGINX),
        Profile::Contour => contour,
    };
    let Some(watch) = Watch::of(choice) else { return Some(Admission::Admitted) };
    Some(rule(&Seen::new(ingress, default, classes), watch))
}

/// How the simulated controller is configured: with a class name, or without one.
#[derive(Clone, Copy, Debug)]
enum Watch<'a> {
    /// No class named: the controller's class setting is empty.
    Unnamed,
    /// The controller's class setting is this name.
    Named(&'a str),
}

impl<'a> Watch<'a> {
    /// The user's class choice as the controller's class setting; `None` when every class is
    /// asked for (every Ingress takes part).
    fn of(choice: &'a ClassChoice) -> Option<Watch<'a>> {
        match choice {
            ClassChoice::Every => None,
            ClassChoice::Chosen(name) => Some(Watch::Named(name)),
            ClassChoice::Default(_) | ClassChoice::Any => Some(Watch::Unnamed),
        }
    }

    /// The configured name, or `fallback` when there is none.
    fn name_or(self, fallback: &'a str) -> &'a str {
        match self {
            Watch::Unnamed => fallback,
            Watch::Named(name) => name,
        }
    }
}

/// What a controller sees of one Ingress's class.
struct Seen<'a> {
    /// `kubernetes.io/ingress.class`, when present (possibly empty).
    annotation: Option<&'a str>,
    /// `spec.ingressClassName` as stored: as written, or the default class the
    /// `DefaultIngressClass` admission plugin sets at creation when neither the field nor the
    /// legacy annotation is given.
    field: Option<&'a str>,
    /// True when `field` was set by that admission plugin.
    defaulted: bool,
    /// `projectcontour.io/ingress.class`, when present.
    contour_annotation: Option<&'a str>,
    classes: &'a [IngressClass],
}

impl<'a> Seen<'a> {
    fn new(ingress: &'a Ingress, default: Option<&'a str>, classes: &'a [IngressClass]) -> Seen<'a> {
        let annotation = ingress.meta.annotation(CLASS_ANNOTATION).map(|a| a.value.as_str());
        let written = ingress.spec.ingress_class_name.as_ref().map(|f| f.value.as_str());
        let defaulted = written.is_none() && annotation.is_none() && default.is_some();
        Seen {
            annotation,
            field: written.or(if defaulted { default } else { None }),
            defaulted,
            contour_annotation: ingress.meta.annotation(CONTOUR_CLASS_ANNOTATION).map(|a| a.value.as_str()),
            classes,
        }
    }

    /// `spec.ingressClassName "x"`, or how the Ingress got it.
    fn field_text(&self, field: &str) -> String {
        if self.defaulted {
            format!(
                "it names no class, so it gets the default IngressClass {field:?} as spec.ingressClassName at creation"
            )
        } else {
            format!("its spec.ingressClassName is {field:?}")
        }
    }

    /// The `spec.controller` of IngressClass `name` when the input holds it.
    fn controller_of(&self, name: &str) -> Option<Option<&'a str>> {
        self.classes.iter().find(|c| c.meta.name() == name).map(|c| c.controller.as_ref().map(|v| v.value.as_str()))
    }

    /// Whether IngressClass `name` belongs to `controller`: by its `spec.controller` when the
    /// input holds it; otherwise the simulator assumes it does when it has the name the
    /// controller's own chart gives its IngressClass (`assumed`), and says so.
    fn class_belongs(&self, name: &str, controller: &str, assumed: &str) -> Result<(), String> {
        match self.controller_of(name) {
            Some(Some(c)) if c == controller => Ok(()),
            Some(c) => Err(format!(
                "IngressClass {name:?} names the controller {:?}, not {controller}",
                c.unwrap_or_default()
            )),
            None if name == assumed => Ok(()),
            None => Err(format!(
                "IngressClass {name:?} is not in the input; the simulator assumes only a class named {assumed:?} belongs to {controller}"
            )),
        }
    }
}

/// ingress-gce: kubernetes/ingress-gce `pkg/utils/utils.go` `IsGCEIngress` @v1.41.1 reads only
/// the `kubernetes.io/ingress.class` annotation. A value equal to `--ingress-class` is taken;
/// `gce` (`--enable-ingress-global-external`, default on) and `gce-internal` are taken;
/// `gce-regional-external` needs `--enable-ingress-regional-external` (default off); no
/// annotation is taken only when `spec.ingressClassName` is nil; anything else is not.
fn gce(seen: &Seen<'_>, watch: Watch<'_>) -> Admission {
    let class = seen.annotation.unwrap_or("");
    if let Watch::Named(flag) = watch {
        if !flag.is_empty() && class == flag {
            return Admission::Admitted;
        }
    }
    let refused = match (class, seen.field) {
        ("", None) | ("gce" | "gce-internal", _) => return Admission::Admitted,
        ("", Some(field)) => format!(
            "{} and it has no {CLASS_ANNOTATION} annotation; ingress-gce decides by the annotation only and ignores an Ingress with spec.ingressClassName (pkg/utils/utils.go IsGCEIngress)",
            seen.field_text(field)
        ),
        ("gce-regional-external", _) => format!("its {CLASS_ANNOTATION} annotation is \"gce-regional-external\", which ingress-gce takes only with --enable-ingress-regional-external (off by default; pkg/utils/utils.go IsGCEIngress)"),
        ("gce-multi-cluster", _) => format!("its {CLASS_ANNOTATION} annotation is \"gce-multi-cluster\": Multi Cluster Ingress serves it, not ingress-gce (pkg/utils/utils.go IsGCEMultiClusterIngress)"),
        (other, _) => format!(
            "its {CLASS_ANNOTATION} annotation is {other:?}; ingress-gce takes \"gce\", \"gce-internal\"{} or no annotation (pkg/utils/utils.go IsGCEIngress)",
            match watch {
                Watch::Named(flag) => format!(", {flag:?} (its --ingress-class)"),
                Watch::Unnamed => String::new(),
            }
        ),
    };
    Admission::OtherClass(refused)
}

/// Traefik's Kubernetes Ingress provider: traefik/traefik
/// `pkg/provider/kubernetes/ingress/kubernetes.go` `shouldProcessIngress` @v3.7.9. With
/// `spec.ingressClassName`, an IngressClass of that name with `spec.controller:
/// traefik.io/ingress-controller` must exist (`client.go` `GetIngressClasses`), and be the
/// provider's `ingressClass` when that is set (`filterIngressClassByName`). Otherwise the
/// annotation must equal `ingressClass`; with no `ingressClass` (the default), an Ingress without
/// the annotation, or annotated `traefik`, is taken.
fn traefik(seen: &Seen<'_>, watch: Watch<'_>) -> Admission {
    const CONTROLLER: &str = "traefik.io/ingress-controller";
    let provider = watch.name_or("");
    if let Some(field) = seen.field {
        let verdict = match seen.class_belongs(field, CONTROLLER, watch.name_or("traefik")) {
            Ok(()) if provider.is_empty() || field == provider => return Admission::Admitted,
            Ok(()) => format!("the provider's ingressClass is {provider:?}"),
            Err(why) => why,
        };
        return Admission::OtherClass(format!(
            "{}: {verdict}, so Traefik does not process it (kubernetes.go shouldProcessIngress)",
            seen.field_text(field)
        ));
    }
    let annotation = seen.annotation.unwrap_or("");
    if annotation == provider || (provider.is_empty() && annotation == "traefik") {
        return Admission::Admitted;
    }
    let wanted = if provider.is_empty() {
        "no annotation or \"traefik\" (the provider has no ingressClass)".to_string()
    } else {
        format!("{provider:?} (the provider's ingressClass)")
    };
    let has = match seen.annotation {
        Some(a) => format!("its {CLASS_ANNOTATION} annotation is {a:?}"),
        None => format!("it has no {CLASS_ANNOTATION} annotation"),
    };
    Admission::OtherClass(format!("{has}; Traefik takes {wanted} (kubernetes.go shouldProcessIngress)"))
}

/// The `nginx` class rule of ingress-nginx, which Traefik's `kubernetesIngressNGINX` provider
/// copies. With `spec.ingressClassName`, an IngressClass of that name whose `spec.controller` is
/// `k8s.io/ingress-nginx` must exist (whatever its name). Otherwise the `kubernetes.io/ingress.class`
/// annotation must equal the class setting (default `nginx`); an Ingress with neither is taken
/// only with the watch-without-class setting (default off). With no class chosen (and no default
/// IngressClass, which would give it the field), the simulator takes class-less Ingresses, so that
/// a manifest written without classes is routed.
fn nginx_class(seen: &Seen<'_>, watch: Watch<'_>, reader: &NginxClassReader) -> Admission {
    const CONTROLLER: &str = "k8s.io/ingress-nginx";
    let class = watch.name_or("nginx");
    let refused = match (seen.field, seen.annotation) {
        (Some(field), _) => match seen.class_belongs(field, CONTROLLER, class) {
            Ok(()) => return Admission::Admitted,
            Err(why) => format!("{}: {why}", seen.field_text(field)),
        },
        (None, Some(a)) if a == class => return Admission::Admitted,
        (None, Some(a)) => format!("its {CLASS_ANNOTATION} annotation is {a:?}, not {} {class:?}", reader.class_setting),
        (None, None) if matches!(watch, Watch::Unnamed) => return Admission::Admitted,
        (None, None) => format!("it names no class, and {} takes class-less Ingresses only with {} (off by default; the simulator sets it only when no class is chosen)", reader.who, reader.without_class_setting),
    };
    Admission::OtherClass(format!("{refused}, so {} does not process it ({})", reader.who, reader.source))
}

/// The words the `nginx` class rule's messages use for the controller that applies it.
struct NginxClassReader {
    /// Who reads the class.
    who: &'static str,
    /// Its class setting, as "the annotation is X, not <this> Y".
    class_setting: &'static str,
    /// Its setting that takes class-less Ingresses.
    without_class_setting: &'static str,
    /// The upstream function that decides.
    source: &'static str,
}

/// kubernetes/ingress-nginx `internal/ingress/controller/store/store.go` `GetIngressClass` and
/// the IngressClass informer (which keeps only classes of `--controller-class`) @controller-v1.15.1.
const INGRESS_NGINX: NginxClassReader = NginxClassReader {
    who: "ingress-nginx",
    class_setting: "its --ingress-class",
    without_class_setting: "--watch-ingress-without-class",
    source: "store.go GetIngressClass",
};

/// Traefik's `kubernetesIngressNGINX` provider: traefik/traefik
/// `pkg/provider/kubernetes/ingress-nginx/build.go` `shouldProcess` and `client.go`
/// `filterIngressClass` @v3.7.9 (`controllerClass`, `ingressClass`, `watchIngressWithoutClass`).
const TRAEFIK_INGRESS_NGINX: NginxClassReader = NginxClassReader {
    who: "Traefik's ingress-nginx provider",
    class_setting: "the provider's ingressClass",
    without_class_setting: "watchIngressWithoutClass",
    source: "build.go shouldProcess",
};

/// Contour: projectcontour/contour `internal/ingressclass/ingressclass.go` `MatchesIngress`
/// @v1.33.6. The class is `projectcontour.io/ingress.class` when present, else
/// `kubernetes.io/ingress.class` (`internal/annotation/annotations.go` `IngressClass`); when that
/// is empty, `spec.ingressClassName`. Run without `--ingress-class-name`, Contour takes an empty
/// class or `contour`; with one, exactly that name.
fn contour(seen: &Seen<'_>, watch: Watch<'_>) -> Admission {
    let (class, from) = match (seen.contour_annotation, seen.annotation) {
        (Some(c), _) if !c.is_empty() => (c, format!("its {CONTOUR_CLASS_ANNOTATION} annotation is {c:?}")),
        (None, Some(a)) if !a.is_empty() => (a, format!("its {CLASS_ANNOTATION} annotation is {a:?}")),
        _ => match seen.field {
            Some(f) => (f, seen.field_text(f)),
            None => ("", "it names no class".to_string()),
        },
    };
    let wanted = match watch {
        Watch::Unnamed if class.is_empty() || class == "contour" => return Admission::Admitted,
        Watch::Named(name) if class == name => return Admission::Admitted,
        Watch::Unnamed => "no class or \"contour\" (it runs without --ingress-class-name)".to_string(),
        Watch::Named(name) => format!("only {name:?} (its --ingress-class-name)"),
    };
    Admission::OtherClass(format!(
        "{from}; Contour takes {wanted}, reading {CONTOUR_CLASS_ANNOTATION}, then {CLASS_ANNOTATION}, then spec.ingressClassName (internal/ingressclass MatchesIngress)"
    ))
}

/// The AWS Load Balancer Controller: kubernetes-sigs/aws-load-balancer-controller
/// `pkg/ingress/group_loader.go` `classifyIngress` @v3.5.0. A `kubernetes.io/ingress.class`
/// annotation decides alone: it must equal `--ingress-class`, or `alb` when that is empty
/// (`class_annotation_matcher.go` `Matches`). Otherwise the IngressClass of
/// `spec.ingressClassName` (or the default class) must name the controller `ingress.k8s.aws/alb`,
/// whatever its name (`class_loader.go` `Load`). An Ingress with no class at all is managed only
/// when `--ingress-class` is empty (`manageIngressesWithoutIngressClass`,
/// `controllers/ingress/group_controller.go`).
fn aws_alb(seen: &Seen<'_>, watch: Watch<'_>) -> Admission {
    const CONTROLLER: &str = "ingress.k8s.aws/alb";
    let flag = watch.name_or("");
    if let Some(annotation) = seen.annotation {
        let wanted = if flag.is_empty() { "alb" } else { flag };
        return if annotation == wanted {
            Admission::Admitted
        } else {
            Admission::OtherClass(format!("its {CLASS_ANNOTATION} annotation is {annotation:?}, not {wanted:?}; the AWS Load Balancer Controller reads the annotation before spec.ingressClassName (group_loader.go classifyIngress)"))
        };
    }
    match seen.field {
        Some(field) => match seen.class_belongs(field, CONTROLLER, watch.name_or("alb")) {
            Ok(()) => Admission::Admitted,
            Err(why) => Admission::OtherClass(format!(
                "{}: {why} (group_loader.go classifyIngress)",
                seen.field_text(field)
            )),
        },
        None if flag.is_empty() => Admission::Admitted,
        None => Admission::OtherClass(format!("it names no class, and the controller run with --ingress-class {flag:?} manages no class-less Ingress (group_controller.go manageIngressesWithoutIngressClass)")),
    }
}

/// What the controller of `profile` takes, configured for `choice`, in one sentence; `None` for
/// the profiles that follow the spec's class rules and when every class is asked for.
pub(super) fn setting(profile: Profile, choice: &ClassChoice) -> Option<String> {
    let text = match (profile, Watch::of(choice)?) {
        (Profile::Spec, _) => return None,
        (Profile::IngressNginx | Profile::IngressNginxV1_14_2, w) => format!("ingress-nginx runs with --ingress-class {:?} and --controller-class k8s.io/ingress-nginx: it takes an Ingress whose spec.ingressClassName names an IngressClass of k8s.io/ingress-nginx (a class named {0:?} that is not in the input is assumed to be one), or, without the field, one annotated {0:?}{} (store.go GetIngressClass)", w.name_or("nginx"), match w {
            Watch::Unnamed => ", and class-less ones (as with --watch-ingress-without-class: the simulator takes them when no class is chosen)",
            Watch::Named(_) => "; no class-less one (--watch-ingress-without-class is off by default)",
        }),
        (Profile::Gce, Watch::Named(c)) => format!("ingress-gce runs with --ingress-class {c:?}: it takes an Ingress whose {CLASS_ANNOTATION} annotation is {c:?}, \"gce\" or \"gce-internal\", or that has neither the annotation nor spec.ingressClassName (IsGCEIngress)"),
        (Profile::Gce, Watch::Unnamed) => format!("ingress-gce runs without --ingress-class: it takes an Ingress whose {CLASS_ANNOTATION} annotation is \"gce\" or \"gce-internal\", or that has neither the annotation nor spec.ingressClassName (IsGCEIngress)"),
        (Profile::Traefik | Profile::TraefikV3_6 | Profile::TraefikV3_6_10, Watch::Named(c)) => format!("Traefik's Ingress provider runs with ingressClass {c:?}: it takes an Ingress annotated {c:?}, or whose spec.ingressClassName is {c:?} with an IngressClass of traefik.io/ingress-controller (shouldProcessIngress)"),
        (Profile::Traefik | Profile::TraefikV3_6 | Profile::TraefikV3_6_10, Watch::Unnamed) => "Traefik's Ingress provider runs without ingressClass: it takes an Ingress with no class annotation or annotated \"traefik\", or whose spec.ingressClassName names an IngressClass of traefik.io/ingress-controller (shouldProcessIngress; a class named \"traefik\" that is not in the input is assumed to be one)".to_string(),
        (Profile::TraefikIngressNginx, w) => format!("Traefik's kubernetesIngressNGINX provider runs with ingressClass {:?}{}: it takes an Ingress annotated {0:?}, or whose spec.ingressClassName names an IngressClass of k8s.io/ingress-nginx (a class named {0:?} that is not in the input is assumed to be one){} (build.go shouldProcess)", w.name_or("nginx"), match w {
            Watch::Unnamed => " and watchIngressWithoutClass (set by the simulator, as ingress-nginx here takes class-less Ingresses too)",
            Watch::Named(_) => "",
        }, match w {
            Watch::Unnamed => ", and class-less ones",
            Watch::Named(_) => "; no class-less one (watchIngressWithoutClass is off by default)",
        }),
        (Profile::Contour, Watch::Named(c)) => format!("Contour runs with --ingress-class-name {c:?}: it takes an Ingress whose class ({CONTOUR_CLASS_ANNOTATION}, else {CLASS_ANNOTATION}, else spec.ingressClassName) is {c:?} (MatchesIngress)"),
        (Profile::Contour, Watch::Unnamed) => format!("Contour runs without --ingress-class-name: it takes an Ingress whose class ({CONTOUR_CLASS_ANNOTATION}, else {CLASS_ANNOTATION}, else spec.ingressClassName) is empty or \"contour\" (MatchesIngress)"),
        (Profile::AwsAlb, Watch::Named(c)) => format!("the AWS Load Balancer Controller runs with --ingress-class {c:?}: it manages an Ingress annotated {c:?}, or, without the annotation, one whose IngressClass names the controller ingress.k8s.aws/alb; no class-less one (classifyIngress)"),
        (Profile::AwsAlb, Watch::Unnamed) => "the AWS Load Balancer Controller runs without --ingress-class: it manages an Ingress annotated \"alb\", or, without the annotation, one whose IngressClass names the controller ingress.k8s.aws/alb (a class named \"alb\" that is not in the input is assumed to), and class-less ones (classifyIngress)".to_string(),
    };
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::class::{admission, choose_class, ClassChoice};
    use crate::profile::Profile;

    /// Which Ingresses (by name) `profile` admits in `yaml` for the class `class`.
    fn admitted(yaml: &str, profile: Profile, class: Option<&str>) -> Vec<String> {
        let manifest = crate::decode::parse(yaml);
        let choice = choose_class(&manifest, class);
        let verdicts = admission(profile, &manifest, &choice);
        manifest
            .ingresses
            .iter()
            .zip(verdicts)
            .filter(|(_, a)| *a == Admission::Admitted)
            .map(|(i, _)| i.meta.name().to_string())
            .collect()
    }

    fn ingress(name: &str, annotations: &[(&str, &str)], field: Option<&str>) -> String {
        let mut out = format!("apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: {name}\n");
        if !annotations.is_empty() {
            out.push_str("  annotations:\n");
            for (k, v) in annotations {
                out.push_str(&format!("    {k}: {v:?}\n"));
            }
        }
        out.push_str("spec:\n");
        if let Some(f) = field {
            out.push_str(&format!("  ingressClassName: {f}\n"));
        }
        out.push_str("  defaultBackend:\n    service: {name: s, port: {number: 80}}\n---\n");
        out
    }

    fn class(name: &str, controller: &str, default: bool) -> String {
        let annotation =
            if default { "  annotations:\n    ingressclass.kubernetes.io/is-default-class: \"true\"\n" } else { "" };
        format!("apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: {name}\n{annotation}spec:\n  controller: {controller}\n---\n")
    }

    #[test]
    fn gce_with_a_class_flag_and_with_a_default_ingress_class() {
        let input = [
            ingress("classless", &[], None),
            ingress("mine", &[(CLASS_ANNOTATION, "internal-lb")], None),
            ingress("regional", &[(CLASS_ANNOTATION, "gce-regional-external")], None),
            ingress("multi", &[(CLASS_ANNOTATION, "gce-multi-cluster")], None),
        ]
        .concat();
        assert_eq!(admitted(&input, Profile::Gce, Some("internal-lb")), ["classless", "mine"]);
        assert_eq!(admitted(&input, Profile::Gce, None), ["classless"]);
        // A default IngressClass gives a class-less Ingress spec.ingressClassName at creation.
        let with_default = class("nginx", "k8s.io/ingress-nginx", true) + &input;
        assert!(admitted(&with_default, Profile::Gce, None).is_empty());
        assert_eq!(admitted(&with_default, Profile::Gce, Some("*")).len(), 4);
    }

    #[test]
    fn traefik_with_a_provider_class() {
        let input = [
            class("traefik-internal", "traefik.io/ingress-controller", false),
            class("traefik", "traefik.io/ingress-controller", false),
            ingress("classless", &[], None),
            ingress("annotated", &[(CLASS_ANNOTATION, "traefik")], None),
            ingress("own", &[(CLASS_ANNOTATION, "traefik-internal")], None),
            ingress("field", &[], Some("traefik-internal")),
            ingress("other-field", &[], Some("traefik")),
        ]
        .concat();
        assert_eq!(admitted(&input, Profile::Traefik, Some("traefik-internal")), ["own", "field"]);
        assert_eq!(admitted(&input, Profile::Traefik, None), ["classless", "annotated", "field", "other-field"]);
    }

    #[test]
    fn traefik_assumes_an_absent_class_named_traefik_is_its_own() {
        let input = [ingress("named", &[], Some("traefik")), ingress("other", &[], Some("public"))].concat();
        assert_eq!(admitted(&input, Profile::Traefik, None), ["named"]);
    }

    /// The nginx class rule of ingress-nginx (store.go GetIngressClass) and Traefik's provider
    /// (build.go shouldProcess): the field names any IngressClass of k8s.io/ingress-nginx (one
    /// called `nginx` is assumed when absent), else the annotation must be the class setting;
    /// class-less Ingresses only when no class is chosen.
    #[test]
    fn the_nginx_class_rule_counts_an_ingress_class_by_its_controller() {
        let input = [
            class("public", "k8s.io/ingress-nginx", false),
            class("traefik", "traefik.io/ingress-controller", false),
            ingress("classless", &[], None),
            ingress("annotated", &[(CLASS_ANNOTATION, "nginx")], None),
            ingress("other-annotation", &[(CLASS_ANNOTATION, "traefik")], None),
            ingress("field", &[], Some("public")),
            ingress("traefik-field", &[], Some("traefik")),
            ingress("assumed", &[], Some("nginx")),
        ]
        .concat();
        let chosen = ClassChoice::Chosen("nginx".into());
        for (profile, without_class) in [
            (Profile::TraefikIngressNginx, "watchIngressWithoutClass"),
            (Profile::IngressNginx, "--watch-ingress-without-class"),
            (Profile::IngressNginxV1_14_2, "--watch-ingress-without-class"),
        ] {
            assert_eq!(admitted(&input, profile, None), ["classless", "annotated", "field", "assumed"]);
            assert_eq!(admitted(&input, profile, Some("nginx")), ["annotated", "field", "assumed"]);
            assert_eq!(admitted(&input, profile, Some("public")), ["field"]);
            let verdicts = admission(profile, &crate::decode::parse(&input), &chosen);
            let Admission::OtherClass(why) = &verdicts[0] else { panic!("{verdicts:?}") };
            assert!(why.contains(without_class), "{why}");
        }
    }

    #[test]
    fn contour_with_a_class_name() {
        let input = [
            ingress("classless", &[], None),
            ingress("contour", &[], Some("contour")),
            ingress("internal", &[("projectcontour.io/ingress.class", "internal")], Some("nginx")),
        ]
        .concat();
        assert_eq!(admitted(&input, Profile::Contour, Some("internal")), ["internal"]);
        assert_eq!(admitted(&input, Profile::Contour, None), ["classless", "contour"]);
    }

    #[test]
    fn alb_with_a_class_flag_manages_no_class_less_ingress() {
        let input = [
            ingress("classless", &[], None),
            ingress("annotated", &[(CLASS_ANNOTATION, "alb")], None),
            ingress("flagged", &[(CLASS_ANNOTATION, "public-alb")], None),
            ingress("field", &[], Some("alb")),
        ]
        .concat();
        assert_eq!(admitted(&input, Profile::AwsAlb, Some("public-alb")), ["flagged"]);
        assert_eq!(admitted(&input, Profile::AwsAlb, None), ["classless", "annotated", "field"]);
        // The default IngressClass is ALB's: a class-less Ingress gets it and is managed.
        let with_default = class("shared", "ingress.k8s.aws/alb", true) + &input;
        assert_eq!(admitted(&with_default, Profile::AwsAlb, None), ["classless", "annotated", "field"]);
    }

    #[test]
    fn the_class_step_says_how_the_controller_is_configured() {
        let describe = crate::class::describe;
        let gce = describe(Profile::Gce, &ClassChoice::Any);
        assert!(gce.starts_with("No IngressClass chosen, so ingress-gce runs without --ingress-class"), "{gce}");
        let traefik = describe(Profile::Traefik, &ClassChoice::Default("nginx".into()));
        assert!(traefik.contains("gets the default IngressClass \"nginx\" as spec.ingressClassName"), "{traefik}");
        let alb = describe(Profile::AwsAlb, &ClassChoice::Chosen("public".into()));
        assert!(
            alb.starts_with(
                "Simulating class \"public\": the AWS Load Balancer Controller runs with --ingress-class \"public\""
            ),
            "{alb}"
        );
        assert_eq!(
            describe(Profile::Spec, &ClassChoice::Any),
            "No IngressClass chosen and none is marked default, so every Ingress takes part, whatever its class. Profile: spec."
        );
        assert!(describe(Profile::Contour, &ClassChoice::Every).starts_with("All IngressClasses asked for"));
    }

    #[test]
    fn reasons_name_the_rule() {
        let manifest = crate::decode::parse(&ingress("field", &[], Some("gce")));
        let verdicts = admission(Profile::Gce, &manifest, &ClassChoice::Any);
        let Admission::OtherClass(why) = &verdicts[0] else { panic!("admitted") };
        assert!(why.contains("ignores an Ingress with spec.ingressClassName"), "{why}");
    }
}

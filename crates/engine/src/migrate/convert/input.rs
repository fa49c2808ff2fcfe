//! What ingress2gateway's providers read: the Ingresses with their class, and the Services' named
//! ports.

use crate::model::{Ingress, Manifest, Spanned};
use crate::CLASS_ANNOTATION;

/// The Ingresses to convert, in the order ingress2gateway lists them, and the Services.
pub struct Input<'a> {
    /// The Ingresses, sorted by name (kubernetes-sigs/ingress2gateway v1.1.0
    /// `pkg/i2gw/providers/ingressnginx/storage.go` `OrderedIngressMap.FromMap`; input order
    /// between equal names).
    pub ingresses: Vec<InputIngress<'a>>,
    manifest: &'a Manifest,
}

/// One Ingress and the class it is converted under.
pub struct InputIngress<'a> {
    /// The Ingress as read.
    pub ingress: &'a Ingress,
    /// Its class (`GetIngressClass`): `spec.ingressClassName` when set and not empty, else the
    /// `kubernetes.io/ingress.class` annotation when present, else `""`.
    pub class: String,
}

impl InputIngress<'_> {
    /// `metadata.namespace` (`default` when unset).
    pub fn namespace(&self) -> &str {
        self.ingress.meta.namespace()
    }

    /// `metadata.name`.
    pub fn name(&self) -> &str {
        self.ingress.meta.name()
    }

    /// `Ingress ns/name`, as a [`crate::migrate::Notice`]'s object.
    pub fn object(&self) -> String {
        format!("Ingress {}", self.ingress.id())
    }

    /// An annotation's value and where it was written.
    pub fn annotation(&self, key: &str) -> Option<&Spanned<String>> {
        self.ingress.meta.annotation(key)
    }

    /// The annotations, in source order.
    pub fn annotations(&self) -> impl Iterator<Item = (&Spanned<String>, &Spanned<String>)> {
        self.ingress.meta.annotations.iter().map(|(k, v)| (k, v))
    }
}

impl<'a> Input<'a> {
    /// The Ingresses of `manifest`; with `only_class`, only those of that class (upstream's
    /// `--ingress-nginx-ingress-class` filter, `common.ReadIngressesFromFile`).
    ///
    /// An Ingress without a class is converted under the input's default IngressClass, else under
    /// `fallback_class` (ingress-nginx: `nginx`, the flag's default), else left without one: upstream
    /// would write a Gateway named `""`, which the API server refuses (see the converter's C1).
    pub fn new(manifest: &'a Manifest, only_class: Option<&str>, fallback_class: Option<&str>) -> Input<'a> {
        let default_class = manifest.classes.iter().find(|c| c.is_default()).map(|c| c.meta.name()).or(fallback_class);
        let mut ingresses: Vec<InputIngress<'a>> = manifest
            .ingresses
            .iter()
            .map(|ingress| {
                let mut class = ingress_class(ingress);
                if class.is_empty() {
                    class = default_class.unwrap_or("").to_string();
                }
                InputIngress { ingress, class }
            })
            .filter(|i| only_class.is_none_or(|c| i.class == c))
            .collect();
        // Upstream keeps the Ingresses in a map by namespace/name: of two with one name, the one
        // read last (as `kubectl apply` would leave it).
        let mut seen = std::collections::HashSet::new();
        ingresses.reverse();
        ingresses.retain(|i| seen.insert((i.namespace().to_string(), i.name().to_string())));
        ingresses.reverse();
        crate::order::sort_by(&mut ingresses, |a, b| a.name().cmp(b.name()));
        Input { ingresses, manifest }
    }

    /// The port number of Service `namespace/service`'s port named `port_name`
    /// (`common.GroupServicePortsByPortName`: the last Service of that name read wins, as in a map).
    pub fn service_port(&self, namespace: &str, service: &str, port_name: &str) -> Option<i64> {
        let service = self
            .manifest
            .services
            .iter()
            .rev()
            .find(|s| s.meta.name() == service && s.meta.namespace() == namespace)?;
        // A later port of the same name overwrites an earlier one in upstream's map.
        service.ports.iter().rev().find(|p| p.name.as_deref().unwrap_or("") == port_name).and_then(|p| p.port)
    }
}

/// kubernetes-sigs/ingress2gateway v1.1.0 `pkg/i2gw/providers/common/utils.go` `GetIngressClass`.
pub fn ingress_class(ingress: &Ingress) -> String {
    match &ingress.spec.ingress_class_name {
        Some(name) if !name.value.is_empty() => name.value.clone(),
        _ => ingress.meta.annotation(CLASS_ANNOTATION).map(|v| v.value.clone()).unwrap_or_default(),
    }
}

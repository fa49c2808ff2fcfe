//! [`ProfileName`]: a profile as a user names it (`--profile`, a case file's `profile`, the JS
//! API's `profile` option). One name can ask two questions: `spec` and `contour` read both Ingress
//! and Gateway API; `ingress-nginx` reads only Ingress; `envoy-gateway` only Gateway API. Which
//! question a request asks is [`crate::Simulator::asks_gateway`]'s choice; this type only says
//! what the name means for each.

use crate::profile::Profile;

/// A profile name, read once, with what it means for Ingress routing and for Gateway API routing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProfileName {
    text: String,
    ingress: Option<Profile>,
    #[cfg(feature = "gateway")]
    gateway: Option<crate::gateway::Implementation>,
}

impl Default for ProfileName {
    /// `spec`: the Kubernetes documentation for Ingress, the specification for Gateway API.
    fn default() -> ProfileName {
        ProfileName::parse(Profile::Spec.name()).unwrap_or_else(|_| unreachable!("spec is a profile"))
    }
}

impl ProfileName {
    /// Reads a name: an Ingress profile (`traefik@3.6` picks an older release), a Gateway API
    /// implementation, or a name that is both. The error names every known profile of both kinds.
    pub fn parse(text: &str) -> Result<ProfileName, String> {
        let ingress = Profile::parse_or_explain(text);
        #[cfg(feature = "gateway")]
        let gateway = crate::gateway::Implementation::parse(text);
        #[cfg(not(feature = "gateway"))]
        let gateway: Option<()> = None;
        match (ingress, gateway) {
            (Err(why), None) if text.contains('@') => Err(why),
            (Err(_), None) => Err(unknown(text)),
            (ingress, _gateway) => Ok(ProfileName {
                text: text.to_string(),
                ingress: ingress.ok(),
                #[cfg(feature = "gateway")]
                gateway: _gateway,
            }),
        }
    }

    /// The name as given.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The Ingress profile, or why the name has none (a Gateway API implementation only).
    pub fn ingress(&self) -> Result<Profile, String> {
        self.ingress.ok_or_else(|| {
            format!(
                "{} is a Gateway API implementation: it routes Gateways and their routes, and this request goes \
                 through Ingresses; Ingress profiles: {}",
                self.text,
                Profile::NAMES.join(", ")
            )
        })
    }

    /// The Gateway API implementation, or why the name has none (an Ingress controller only).
    #[cfg(feature = "gateway")]
    pub fn gateway(&self) -> Result<crate::gateway::Implementation, String> {
        self.gateway.ok_or_else(|| {
            format!(
                "{} routes Ingresses only in this simulator, and this request goes through a Gateway; Gateway API \
                 implementations: {}",
                self.text,
                crate::gateway::Implementation::NAMES.join(", ")
            )
        })
    }
}

impl crate::Simulator {
    /// Every diagnostic of the input under a named profile: the Ingress findings under its Ingress
    /// profile (`spec` when the name has none), then [`Simulator::gateway_status_named`].
    ///
    /// [`Simulator::gateway_status_named`]: crate::Simulator::gateway_status_named
    pub fn diagnostics_named(&self, name: &ProfileName) -> std::borrow::Cow<'_, [crate::Diagnostic]> {
        let ingress = self.diagnostics(name.ingress.unwrap_or_default());
        let gateway = self.gateway_status_named(name);
        if gateway.is_empty() {
            return std::borrow::Cow::Borrowed(ingress);
        }
        std::borrow::Cow::Owned([ingress, &gateway[..]].concat())
    }

    /// The route and Gateway status a Gateway API controller would write, under the name's
    /// implementation (`spec` when it names none); empty when the input has no Gateway API object.
    pub fn gateway_status_named(&self, name: &ProfileName) -> Vec<crate::Diagnostic> {
        #[cfg(feature = "gateway")]
        if self.has_gateway_api() {
            return self.gateway_diagnostics(name.gateway.unwrap_or(crate::gateway::Implementation::Spec));
        }
        let _ = name;
        Vec::new()
    }
}

impl From<Profile> for ProfileName {
    /// The profile's own name, read for both kinds of input (`spec` and `contour` route Gateways
    /// too).
    fn from(profile: Profile) -> ProfileName {
        ProfileName::parse(profile.name()).unwrap_or_else(|_| unreachable!("a profile's own name reads back"))
    }
}

impl From<&ProfileName> for ProfileName {
    fn from(name: &ProfileName) -> ProfileName {
        name.clone()
    }
}

#[cfg(feature = "gateway")]
impl From<crate::gateway::Implementation> for ProfileName {
    /// The implementation's own name (`spec` and `contour` route Ingresses too).
    fn from(implementation: crate::gateway::Implementation) -> ProfileName {
        ProfileName::parse(implementation.name())
            .unwrap_or_else(|_| unreachable!("an implementation's name reads back"))
    }
}

impl std::fmt::Display for ProfileName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

fn unknown(text: &str) -> String {
    #[cfg(feature = "gateway")]
    let gateway = format!("; Gateway API implementations: {}", crate::gateway::Implementation::NAMES.join(", "));
    #[cfg(not(feature = "gateway"))]
    let gateway = String::new();
    format!("unknown profile {text:?}; known profiles: {}{gateway}", Profile::NAMES.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_for_each_kind_of_input() {
        let spec = ProfileName::parse("spec").unwrap();
        assert_eq!(spec.ingress(), Ok(Profile::Spec));
        let nginx = ProfileName::parse("ingress-nginx").unwrap();
        assert_eq!(nginx.ingress(), Ok(Profile::IngressNginx));
        let older = ProfileName::parse("traefik@3.6").unwrap();
        assert_eq!(older.ingress(), Ok(Profile::TraefikV3_6));
        #[cfg(feature = "gateway")]
        {
            use crate::gateway::Implementation;
            assert_eq!(spec.gateway(), Ok(Implementation::Spec));
            assert_eq!(ProfileName::parse("contour").unwrap().gateway(), Ok(Implementation::Contour));
            let envoy = ProfileName::parse("envoy-gateway").unwrap();
            assert_eq!(envoy.gateway(), Ok(Implementation::EnvoyGateway));
            assert!(envoy.ingress().unwrap_err().contains("is a Gateway API implementation"), "{envoy:?}");
            assert!(nginx.gateway().unwrap_err().contains("routes Ingresses only"));
        }
    }

    #[test]
    fn an_unknown_name_lists_both_kinds() {
        let error = ProfileName::parse("haproxy").unwrap_err();
        assert!(error.starts_with("unknown profile \"haproxy\"; known profiles: spec, ingress-nginx"), "{error}");
        #[cfg(feature = "gateway")]
        assert!(error.contains("Gateway API implementations: spec, envoy-gateway, contour"), "{error}");
        let version = ProfileName::parse("ingress-nginx@1.14").unwrap_err();
        assert!(version.contains("1.14"), "{version}");
    }
}

//! `Decision.status`, the HTTP status the client receives, where the outcome alone does not say
//! it: a proxy's own 400 Bad Request before any route, and `null` for a configuration nginx refuses.

use ingress_engine::{Explain, Options, Outcome, Profile, Request, Simulator};

/// A Service with a named port and an Ingress that uses it.
const SHOP: &str = include_str!("fixtures/shop.yaml");

fn status(yaml: &str, url: &str, profile: Profile) -> (Outcome, Option<u16>) {
    let sim = Simulator::new(yaml, &Options::default());
    let decision = sim.route(&Request::from_url(url).unwrap(), profile, Explain::Yes);
    (decision.outcome, decision.status)
}

#[test]
fn a_path_the_proxy_cannot_read_is_its_400_not_a_404() {
    // nginx: `..` above the root (ngx_http_parse_complex_uri); Traefik: Go's net/http on a broken
    // %-escape; Envoy (Contour): %00 fails its path canonicaliser.
    for (profile, path) in [(Profile::IngressNginx, "/../x"), (Profile::Traefik, "/x/%zz"), (Profile::Contour, "/x%00")]
    {
        let got = status(SHOP, &format!("http://shop.example.com{path}"), profile);
        assert_eq!(got, (Outcome::NoMatch, Some(400)), "{profile:?} {path}");
    }
    assert_eq!(status(SHOP, "http://shop.example.com/x", Profile::IngressNginx), (Outcome::Rule, Some(200)));
}

#[test]
fn a_configuration_nginx_refuses_has_no_status() {
    let regex = "annotations: {nginx.ingress.kubernetes.io/use-regex: \"true\"}";
    let broken = SHOP.replace("namespace: shop}\nspec", &format!("namespace: shop, {regex}}}\nspec"));
    let broken = broken.replace("path: /api", "path: /api(");
    assert_eq!(status(&broken, "http://shop.example.com/x", Profile::IngressNginx), (Outcome::ConfigError, None));
}

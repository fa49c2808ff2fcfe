//! Arbitrary bytes as Ingresses to convert (issue 15): read (`Simulator::new`), converted under
//! both providers (`migrate::convert`); the conversion must not panic, must write the same bytes
//! twice, and its YAML must read back as written: no YAML, document or decoding error, the Gateways named in
//! `Conversion.gateways` are exactly the Gateways read back, in that order, and every emitted
//! document is a Gateway API object.

#![no_main]

use ingress_engine::migrate::{convert, ConvertOptions, Provider};
use ingress_engine::{Code, Options, Simulator};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let sim = Simulator::new(text, &Options::default());
    for provider in [Provider::Common, Provider::IngressNginx] {
        let options = ConvertOptions { provider };
        let conversion = convert(&sim, &options);
        assert_eq!(conversion.yaml, convert(&sim, &options).yaml, "the same input converts to the same bytes");
        let emitted = Simulator::new(conversion.yaml.as_str(), &Options::default());
        let manifest = emitted.manifest();
        assert!(manifest.ingresses.is_empty() && manifest.services.is_empty());
        assert_eq!(emitted.gateways(), conversion.gateways, "{}", conversion.yaml);
        let objects = &manifest.gateway;
        let written = objects.gateways.len() + objects.http_routes.len() + objects.grpc_routes.len() + objects.tls_routes.len();
        if !conversion.yaml.is_empty() {
            assert_eq!(written, manifest.documents, "every document read back as an object:\n{}", conversion.yaml);
        }
        let misread = manifest.diagnostics.iter().find(|d| matches!(d.code, Code::Syntax | Code::Document | Code::Decode));
        assert!(misread.is_none(), "{misread:?} reading back:\n{}", conversion.yaml);
    }
});

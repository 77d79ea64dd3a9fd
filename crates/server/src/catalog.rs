//! Loads the service catalog from the TOML files under `catalog/` at the repository root, embedded in the
//! binary so that a deployed server always carries the catalog it was tested with.

use njia_domain::catalog::{Agency, Catalog, Category, Service};
use serde::Deserialize;

/// The catalog files, in display order of their agencies.
const FILES: &[(&str, &str)] = &[
    ("ntsa.toml", include_str!("../../../catalog/ntsa.toml")),
    (
        "immigration.toml",
        include_str!("../../../catalog/immigration.toml"),
    ),
    ("nrb.toml", include_str!("../../../catalog/nrb.toml")),
    (
        "civil-registration.toml",
        include_str!("../../../catalog/civil-registration.toml"),
    ),
    ("brs.toml", include_str!("../../../catalog/brs.toml")),
    ("kra.toml", include_str!("../../../catalog/kra.toml")),
    (
        "judiciary.toml",
        include_str!("../../../catalog/judiciary.toml"),
    ),
    ("dci.toml", include_str!("../../../catalog/dci.toml")),
    (
        "ecitizen.toml",
        include_str!("../../../catalog/ecitizen.toml"),
    ),
];

const INDEX: &str = include_str!("../../../catalog/index.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IndexFile {
    version: u32,
    categories: Vec<Category>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AgencyFile {
    agency: Agency,
    #[serde(default)]
    services: Vec<Service>,
}

/// Parses and checks the embedded catalog. Fails with the file name and the problem.
pub fn load() -> anyhow::Result<Catalog> {
    let index: IndexFile =
        toml::from_str(INDEX).map_err(|e| anyhow::anyhow!("catalog/index.toml: {e}"))?;
    let mut catalog = Catalog {
        version: index.version,
        agencies: Vec::new(),
        categories: index.categories,
        services: Vec::new(),
    };
    for (name, text) in FILES {
        let file: AgencyFile =
            toml::from_str(text).map_err(|e| anyhow::anyhow!("catalog/{name}: {e}"))?;
        for service in &file.services {
            if service.agency != file.agency.id {
                anyhow::bail!(
                    "catalog/{name}: service {} names agency {}",
                    service.id,
                    service.agency
                );
            }
        }
        catalog.agencies.push(file.agency);
        catalog.services.extend(file.services);
    }
    catalog
        .check()
        .map_err(|e| anyhow::anyhow!("catalog: {e}"))?;
    Ok(catalog)
}

#[cfg(test)]
mod tests {
    use njia_domain::catalog::Fee;

    #[test]
    fn the_embedded_catalog_loads_and_passes_its_checks() {
        let catalog = super::load().expect("catalog loads");
        assert_eq!(catalog.agencies.len(), super::FILES.len());
        assert!(
            catalog.services_of("ntsa").count() >= 12,
            "every NTSA service of DOMAIN.md"
        );
    }

    #[test]
    fn ntsa_fees_match_the_published_schedule() {
        let catalog = super::load().expect("catalog loads");
        let renewal = catalog
            .service("ntsa-dl-renewal-booklet")
            .expect("booklet renewal");
        let Fee::ByOption { options, .. } = &renewal.fee else {
            panic!("renewal is priced by period")
        };
        let shillings: Vec<i64> = options.iter().map(|o| o.amount.cents() / 100).collect();
        assert_eq!(shillings, vec![600, 1400]);
        let search = catalog
            .service("ntsa-vehicle-search")
            .expect("vehicle search");
        assert_eq!(
            search.fee,
            Fee::Fixed {
                amount: njia_domain::Money::from_cents(55_000)
            }
        );
    }

    #[test]
    fn every_service_has_a_form_that_asks_what_its_fee_and_documents_depend_on() {
        use njia_domain::catalog::Requirement;
        use njia_domain::forms::FieldKind;
        let catalog = super::load().expect("catalog loads");
        for s in &catalog.services {
            assert!(
                !s.steps.is_empty() && s.steps.iter().all(|step| !step.fields.is_empty()),
                "{} declares no form or an empty step",
                s.id
            );
            let asked = |id: &str| {
                s.steps
                    .iter()
                    .flat_map(|st| &st.fields)
                    .find(|f| f.id == id)
            };
            // The price must be known from every complete form: asked of everyone, and answered.
            let priced_by = match &s.fee {
                Fee::ByOption { field, .. } | Fee::ByBand { field, .. } => Some(field),
                Fee::Free | Fee::Fixed { .. } => None,
            };
            if let Some(id) = priced_by {
                let field = asked(id).unwrap_or_else(|| panic!("{}: the fee needs {id}", s.id));
                assert!(
                    field.required && field.shown_when.is_none(),
                    "{}: {id}",
                    s.id
                );
                if matches!(s.fee, Fee::ByBand { .. }) {
                    assert!(matches!(field.kind, FieldKind::Number { .. }), "{}", s.id);
                }
            }
            for d in &s.documents {
                if let Requirement::When { field, .. } = &d.required {
                    assert!(asked(field).is_some(), "{}: {} needs {field}", s.id, d.id);
                }
            }
        }
    }

    #[test]
    fn a_form_must_ask_what_its_fee_and_documents_depend_on() {
        use njia_domain::forms::FieldKind;
        let mut catalog = super::load().expect("catalog loads");
        let renewal = catalog
            .services
            .iter_mut()
            .find(|s| s.id == "ntsa-dl-renewal-booklet")
            .expect("renewal");
        if let FieldKind::Radio { options } = &mut renewal.steps[0].fields[0].kind {
            options.retain(|o| o.value != "3");
        }
        let error = catalog.check().expect_err("the fee names period = 3");
        assert!(error.contains("period = 3"), "{error}");

        let mut catalog = super::load().expect("catalog loads");
        let duplicate = catalog
            .services
            .iter_mut()
            .find(|s| s.id == "ntsa-dl-duplicate")
            .expect("duplicate");
        duplicate.steps[0].fields.retain(|f| f.id != "reason");
        duplicate.steps[0].fields.retain(|f| f.shown_when.is_none());
        let error = catalog.check().expect_err("the abstract depends on reason");
        assert!(error.contains("police-abstract"), "{error}");
    }
}

//! "Did you mean": the known field of the same object closest to a misspelt one.
//!
//! The API server's strict decoding only says a field is unknown; a learner who typed `pathtype`
//! or `ingresClassName` wants the name it should have been. Only the fields of the object being
//! decoded are candidates, so the suggestion is always a field that belongs there.

/// The known name nearest to `unknown` by edit distance (case ignored: `pathtype` is `pathType`),
/// when it is near enough to be a typo: at most one edit for short names, a third of the name's
/// length for longer ones. Ties go to the first known name.
pub(crate) fn nearest<'k>(unknown: &str, known: &[&'k str]) -> Option<&'k str> {
    let limit = (unknown.len() / 3).max(1);
    known
        .iter()
        .map(|&name| (edit_distance(unknown, name), name))
        .filter(|&(distance, _)| distance <= limit)
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, name)| name)
}

/// Levenshtein distance over ASCII-lowercased bytes, one row at a time (field names are short).
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, &ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(!ca.eq_ignore_ascii_case(&cb));
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(diagonal + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    const PATH: &[&str] = &["path", "pathType", "backend"];

    #[test]
    fn typos_and_case_find_the_field() {
        assert_eq!(nearest("pathtype", PATH), Some("pathType"));
        assert_eq!(nearest("pathTyp", PATH), Some("pathType"));
        assert_eq!(nearest("backnd", PATH), Some("backend"));
        assert_eq!(
            nearest("ingresClassName", &["defaultBackend", "ingressClassName", "rules", "tls"]),
            Some("ingressClassName")
        );
        assert_eq!(nearest("secretname", &["hosts", "secretName"]), Some("secretName"));
    }

    #[test]
    fn unrelated_names_get_no_suggestion() {
        assert_eq!(nearest("weight", PATH), None);
        assert_eq!(nearest("x", &["ip"]), None);
        assert_eq!(nearest("", PATH), None);
    }

    #[test]
    fn distance_counts_edits() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("Host", "host"), 0);
    }
}

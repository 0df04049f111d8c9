//! `trustui create`: builds a draft from the options or a request file,
//! checks it with the same checks as the TUI's form, applies only the fixes
//! the person asked for, and sends the request.

use std::io::Read;
use std::path::Path;

use jiff::Timestamp;
use serde_json::{Map, Value};

use crate::api::{Client, CreateRequest, REQUEST_MEMBERS, TrustRelationship};
use crate::trust::form::{self, Checked, Draft, Field, Fix, Problem, Severity};

use super::args::{CreateArgs, OutputFormat};
use super::exit::{Failure, Status};
use super::output::{message, print_data, print_json};
use super::render::relationship_detail;

/// Largest JWK or request file read, far above any real key.
const MAX_INPUT_BYTES: u64 = 1024 * 1024;

/// A fix can reveal another problem (a key picked from a set may hold private
/// members), so the draft is checked again after each fix, this many times at
/// most.
const MAX_FIX_ROUNDS: usize = 4;

pub async fn run(client: &Client, args: CreateArgs, format: OutputFormat) -> Result<(), Failure> {
    let draft = match &args.from_file {
        Some(path) => draft_from_file(path)?,
        None => draft_from_options(&args)?,
    };

    let existing = client.list_all(None).await?;
    let now = Timestamp::now();
    let (checked, applied, draft) = check_with_fixes(draft, &args, now, &existing);

    report_applied_fixes(&applied);
    // An exact duplicate is usually a provisioning script run a second time,
    // so it is reported as a conflict on its own rather than as a problem
    // with a fix that would create a second relationship.
    let identity = Identity::of(&draft, &checked);
    if let Some(duplicate) = identity.as_ref().and_then(|i| i.find_in(&existing)) {
        return Err(duplicate_failure(identity.as_ref(), Some(&duplicate.id)));
    }
    report_unused_fix_options(&args, &applied);
    report_problems(&checked.problems, args.yes, checked.key.is_some());
    let request = accepted_request(&checked, args.yes)?;

    if args.dry_run {
        print_json(&request)?;
        message("Dry run: nothing was sent.");
        return Ok(());
    }

    let created = match client.create(&request).await {
        Ok(created) => created,
        Err(error) if error.is_conflict() => {
            return Err(conflict_failure(client, identity.as_ref()).await);
        }
        Err(error) => return Err(error.into()),
    };
    message(&format!("Created trust relationship {}.", created.id));
    match format {
        OutputFormat::Json => print_json(&created),
        OutputFormat::Table => print_data(&relationship_detail(&created, now)),
    }
}

/// The triple Hydra v2.3.0 keeps unique: issuer, subject (or any subject)
/// and the kid of the key.
struct Identity {
    issuer: String,
    /// `None` for any subject.
    subject: Option<String>,
    kid: String,
}

impl Identity {
    /// Reads the triple the request would carry, trimmed as the checks trim
    /// it. `None` while the key has no kid or the subject choice is invalid.
    fn of(draft: &Draft, checked: &Checked) -> Option<Self> {
        let kid = checked.key.as_ref()?.kid.clone()?;
        let subject = draft.subject.trim();
        let subject = match (subject.is_empty(), draft.any_subject) {
            (false, false) => Some(subject.to_string()),
            (true, true) => None,
            _ => return None,
        };
        Some(Self {
            issuer: draft.issuer.trim().to_string(),
            subject,
            kid,
        })
    }

    fn find_in<'a>(&self, existing: &'a [TrustRelationship]) -> Option<&'a TrustRelationship> {
        existing.iter().find(|relationship| {
            let same_subject = match &self.subject {
                Some(subject) => {
                    !relationship.allow_any_subject && relationship.subject == *subject
                }
                None => relationship.allow_any_subject,
            };
            relationship.issuer == self.issuer
                && same_subject
                && relationship.public_key.kid == self.kid
        })
    }

    fn describe(&self) -> String {
        let subject = match &self.subject {
            Some(subject) => format!("subject {subject}"),
            None => "any subject".to_string(),
        };
        format!("issuer {}, {subject} and kid {}", self.issuer, self.kid)
    }
}

/// Builds the conflict after Hydra returned 409, naming the existing
/// relationship when a fresh list finds it.
async fn conflict_failure(client: &Client, identity: Option<&Identity>) -> Failure {
    let Some(identity) = identity else {
        return duplicate_failure(None, None);
    };
    let existing = match client.list_all(Some(identity.issuer.clone())).await {
        Ok(existing) => existing,
        Err(error) => {
            tracing::warn!(%error, "listing the issuer after a 409 failed");
            Vec::new()
        }
    };
    let id = identity.find_in(&existing).map(|found| found.id.as_str());
    duplicate_failure(Some(identity), id)
}

fn duplicate_failure(identity: Option<&Identity>, id: Option<&str>) -> Failure {
    let what = match identity {
        Some(identity) => format!("with {}", identity.describe()),
        None => "with this issuer, subject and kid".to_string(),
    };
    let id = id.map(|id| format!(" (id {id})")).unwrap_or_default();
    Failure::new(
        Status::Conflict,
        format!(
            "A trust relationship {what} already exists{id}; Hydra allows one per issuer, subject and kid, so nothing was created."
        ),
    )
}

fn draft_from_options(args: &CreateArgs) -> Result<Draft, Failure> {
    let jwk = match &args.jwk_file {
        Some(path) => read_input(path, "JWK file")?,
        None => String::new(),
    };

    Ok(Draft {
        issuer: args.issuer.clone().unwrap_or_default(),
        subject: args.subject.clone().unwrap_or_default(),
        any_subject: args.any_subject,
        scopes: args.scopes.join(" "),
        expires_at: args.expires_at.clone().unwrap_or_default(),
        jwk,
    })
}

/// Reads a whole create request, the JSON body Hydra accepts, into a draft.
/// Members are checked for their JSON type here; their values are checked
/// with the rest of the draft.
fn draft_from_file(path: &Path) -> Result<Draft, Failure> {
    let text = read_input(path, "request file")?;
    draft_from_request_json(&text, &path.display().to_string())
}

fn draft_from_request_json(text: &str, source: &str) -> Result<Draft, Failure> {
    let rejected = |detail: String| Failure::new(Status::Rejected, format!("{source}: {detail}"));

    let value: Value = serde_json::from_str(text).map_err(|error| {
        rejected(format!(
            "invalid JSON at line {}, column {}: {error}.",
            error.line(),
            error.column()
        ))
    })?;
    let Value::Object(members) = value else {
        return Err(rejected(
            "expected a JSON object with issuer, subject or allow_any_subject, scope, expires_at and jwk.".to_string(),
        ));
    };

    if let Some(unknown) = members
        .keys()
        .find(|name| !REQUEST_MEMBERS.contains(&name.as_str()))
    {
        return Err(rejected(format!(
            "unknown member \"{unknown}\". Hydra ignores unknown members, so a misspelt field would be missing; the members are {}.",
            REQUEST_MEMBERS.join(", ")
        )));
    }

    Ok(Draft {
        issuer: string_member(&members, "issuer").map_err(rejected)?,
        subject: string_member(&members, "subject").map_err(rejected)?,
        any_subject: bool_member(&members, "allow_any_subject").map_err(rejected)?,
        scopes: scope_member(&members).map_err(rejected)?,
        expires_at: string_member(&members, "expires_at").map_err(rejected)?,
        jwk: match members.get("jwk") {
            None | Some(Value::Null) => String::new(),
            Some(jwk) => serde_json::to_string_pretty(jwk).unwrap_or_default(),
        },
    })
}

fn string_member(members: &Map<String, Value>, name: &str) -> Result<String, String> {
    match members.get(name) {
        None | Some(Value::Null) => Ok(String::new()),
        Some(Value::String(text)) => Ok(text.clone()),
        Some(other) => Err(format!("\"{name}\" must be a string, not {other}.")),
    }
}

fn bool_member(members: &Map<String, Value>, name: &str) -> Result<bool, String> {
    match members.get(name) {
        None | Some(Value::Null) => Ok(false),
        Some(Value::Bool(flag)) => Ok(*flag),
        Some(other) => Err(format!("\"{name}\" must be true or false, not {other}.")),
    }
}

/// Joins the scopes with spaces, the draft's separator, which no OAuth2 scope
/// contains.
fn scope_member(members: &Map<String, Value>) -> Result<String, String> {
    let invalid = || "\"scope\" must be an array of strings such as [\"openid\"].".to_string();
    match members.get("scope") {
        None | Some(Value::Null) => Ok(String::new()),
        Some(Value::Array(items)) => {
            let scopes: Option<Vec<&str>> = items.iter().map(Value::as_str).collect();
            scopes.map(|s| s.join(" ")).ok_or_else(invalid)
        }
        Some(_) => Err(invalid()),
    }
}

/// Reads a file, or standard input for `-`, up to `MAX_INPUT_BYTES`.
fn read_input(path: &Path, description: &str) -> Result<String, Failure> {
    let display_path = path.display();
    let mut bytes = Vec::new();
    let read = if path == Path::new("-") {
        std::io::stdin()
            .lock()
            .take(MAX_INPUT_BYTES + 1)
            .read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path)
            .and_then(|file| file.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes))
    };
    read.map_err(|error| {
        Failure::general(format!(
            "Cannot read the {description} {display_path}: {error}."
        ))
    })?;

    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(Failure::new(
            Status::Rejected,
            format!(
                "The {description} {display_path} is larger than {MAX_INPUT_BYTES} bytes, far more than a key needs."
            ),
        ));
    }
    String::from_utf8(bytes).map_err(|_| {
        Failure::new(
            Status::Rejected,
            format!("The {description} {display_path} is not UTF-8 text."),
        )
    })
}

/// Checks the draft, applying each fix whose option was given, and returns
/// the last check, the fixes applied and the draft they produced.
fn check_with_fixes(
    mut draft: Draft,
    args: &CreateArgs,
    now: Timestamp,
    existing: &[TrustRelationship],
) -> (Checked, Vec<Fix>, Draft) {
    let mut applied = Vec::new();
    for _ in 0..MAX_FIX_ROUNDS {
        let checked = form::check(&draft, now, existing);
        let Some(fix) = requested_fix(&checked, args, &applied) else {
            return (checked, applied, draft);
        };
        fix.apply(&mut draft);
        applied.push(fix);
    }
    (form::check(&draft, now, existing), applied, draft)
}

/// Returns the first fix that an option requests and that was not applied
/// yet.
fn requested_fix(checked: &Checked, args: &CreateArgs, applied: &[Fix]) -> Option<Fix> {
    let offered = checked.problems.iter().filter_map(|p| p.fix.as_ref());
    for fix in offered {
        let requested = match fix {
            Fix::KeepPublicPart => args.public_part_only,
            Fix::PickKeyFromSet(kid) => args.pick_kid.as_deref() == Some(kid.as_str()),
            Fix::UseThumbprintAsKid(_) => args.kid_from_thumbprint,
        };
        if requested && !applied.contains(fix) {
            return Some(fix.clone());
        }
    }

    // The checks offer the thumbprint as kid only when the kid is missing or
    // clashes, but the option requests it in every case.
    let key = checked.key.as_ref()?;
    let fix = Fix::UseThumbprintAsKid(key.thumbprint.clone());
    let differs = key.kid.as_deref() != Some(key.thumbprint.as_str());
    (args.kid_from_thumbprint && differs && !applied.contains(&fix)).then_some(fix)
}

fn report_applied_fixes(applied: &[Fix]) {
    for fix in applied {
        let done = match fix {
            Fix::KeepPublicPart => "removed the private key members from the JWK".to_string(),
            Fix::UseThumbprintAsKid(thumbprint) => format!("set the JWK's kid to {thumbprint}"),
            Fix::PickKeyFromSet(kid) => format!("took the key {kid} from the JWK Set"),
        };
        message(&format!("fixed: {done}."));
    }
}

fn report_unused_fix_options(args: &CreateArgs, applied: &[Fix]) {
    if args.public_part_only && !applied.contains(&Fix::KeepPublicPart) {
        message(
            "note: --public-part-only changed nothing, because the JWK has no private members.",
        );
    }
    if let Some(kid) = &args.pick_kid
        && !applied.contains(&Fix::PickKeyFromSet(kid.clone()))
    {
        message(&format!(
            "note: --pick-kid {kid} changed nothing, because the JWK is not a JWK Set with a key of that kid."
        ));
    }
}

/// Prints every problem to standard error, the most severe first.
/// `key_used` is true when the checks took a key from the JWK text.
fn report_problems(problems: &[Problem], confirmed: bool, key_used: bool) {
    let mut sorted: Vec<&Problem> = problems.iter().collect();
    sorted.sort_by_key(|problem| std::cmp::Reverse(problem.severity));
    for problem in sorted {
        message(&problem_line(problem, confirmed, key_used));
    }
}

fn problem_line(problem: &Problem, confirmed: bool, key_used: bool) -> String {
    // A JWK Set with one key offers to pick it, but the checks already use
    // that key, so there is nothing left to add.
    if let (Severity::Notice, Some(Fix::PickKeyFromSet(kid)), true) =
        (problem.severity, &problem.fix, key_used)
    {
        return format!("note (jwk): used the only key of the JWK Set, kid {kid}.");
    }

    let severity = match problem.severity {
        Severity::Error => "error",
        Severity::NeedsConfirmation if confirmed => "confirmed",
        Severity::NeedsConfirmation => "needs confirmation",
        Severity::Warning => "warning",
        Severity::Notice => "note",
    };

    let field = field_name(problem.field);
    let mut line = match problem.position {
        Some((row, column)) => format!("{severity} ({field}, line {row}, column {column}): "),
        None => format!("{severity} ({field}): "),
    };
    line.push_str(problem.message.trim_end());
    if let Some(hint) = problem.fix.as_ref().map(fix_hint) {
        if !line.ends_with(['.', '!', '?']) {
            line.push('.');
        }
        line.push(' ');
        line.push_str(&hint);
    }
    line
}

/// Returns the field's member name in the request body, which `--from-file`
/// uses too.
fn field_name(field: Field) -> &'static str {
    match field {
        Field::Issuer => "issuer",
        Field::Subject => "subject",
        Field::AnySubject => "allow_any_subject",
        Field::Scope => "scope",
        Field::ExpiresAt => "expires_at",
        Field::Jwk => "jwk",
    }
}

fn fix_hint(fix: &Fix) -> String {
    match fix {
        Fix::KeepPublicPart => "Add --public-part-only to send only the public part.".to_string(),
        Fix::UseThumbprintAsKid(thumbprint) => {
            format!("Add --kid-from-thumbprint to set kid to {thumbprint}.")
        }
        Fix::PickKeyFromSet(kid) => format!("Add --pick-kid {kid} to use that key."),
    }
}

/// Returns the request to send, unless an error remains or a confirmation is
/// missing.
fn accepted_request(checked: &Checked, confirmed: bool) -> Result<CreateRequest, Failure> {
    let count = |severity| {
        checked
            .problems
            .iter()
            .filter(|p| p.severity == severity)
            .count()
    };

    let errors = count(Severity::Error);
    if errors > 0 {
        return Err(Failure::new(
            Status::Rejected,
            format!("Nothing was sent: {errors} problem(s) above must be fixed first."),
        ));
    }

    let confirmations = count(Severity::NeedsConfirmation);
    if confirmations > 0 && !confirmed {
        return Err(Failure::new(
            Status::Rejected,
            format!(
                "Nothing was sent: {confirmations} finding(s) above need a confirmation. Add --yes to create the relationship anyway."
            ),
        ));
    }

    checked.request.clone().ok_or_else(|| {
        Failure::new(
            Status::Rejected,
            "Nothing was sent: the checks found no problem but built no request.",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(severity: Severity, fix: Option<Fix>) -> Problem {
        Problem {
            field: Field::Jwk,
            severity,
            message: "The JWK contains private key members (d).".to_string(),
            position: None,
            fix,
        }
    }

    #[test]
    fn request_file_fills_every_field() {
        let text = r#"{
            "issuer": "https://idp.example.com",
            "subject": "svc@example.com",
            "scope": ["openid", "offline_access"],
            "expires_at": "2027-12-31T23:59:59Z",
            "jwk": {"kty": "OKP", "crv": "Ed25519", "x": "abc", "kid": "k1"}
        }"#;

        let draft = draft_from_request_json(text, "request.json").unwrap();

        assert_eq!(draft.issuer, "https://idp.example.com");
        assert_eq!(draft.subject, "svc@example.com");
        assert!(!draft.any_subject);
        assert_eq!(draft.scopes, "openid offline_access");
        assert_eq!(draft.expires_at, "2027-12-31T23:59:59Z");
        let jwk: Value = serde_json::from_str(&draft.jwk).unwrap();
        assert_eq!(jwk["kid"], "k1");
    }

    #[test]
    fn request_file_reads_any_subject() {
        let text = r#"{"issuer": "https://idp.example.com", "allow_any_subject": true}"#;

        let draft = draft_from_request_json(text, "request.json").unwrap();

        assert!(draft.any_subject);
        assert_eq!(draft.subject, "");
    }

    #[test]
    fn request_file_rejects_unknown_member() {
        let text = r#"{"issuer": "https://idp.example.com", "expiresAt": "2027-01-01T00:00:00Z"}"#;

        let failure = draft_from_request_json(text, "request.json").unwrap_err();

        assert_eq!(failure.status, Status::Rejected);
        assert!(
            failure.message.contains("\"expiresAt\""),
            "{}",
            failure.message
        );
    }

    #[test]
    fn request_file_rejects_scope_string() {
        let text = r#"{"scope": "openid"}"#;

        let failure = draft_from_request_json(text, "request.json").unwrap_err();

        assert!(failure.message.contains("\"scope\""), "{}", failure.message);
    }

    #[test]
    fn request_file_reports_json_position() {
        let text = "{\n  \"issuer\": \n}";

        let failure = draft_from_request_json(text, "request.json").unwrap_err();

        assert!(failure.message.contains("line 3"), "{}", failure.message);
    }

    #[test]
    fn error_problem_blocks_request() {
        let checked = Checked {
            problems: vec![problem(Severity::Error, None)],
            ..Checked::default()
        };

        let failure = accepted_request(&checked, true).unwrap_err();

        assert_eq!(failure.status, Status::Rejected);
    }

    #[test]
    fn confirmation_without_yes_blocks_request() {
        let checked = Checked {
            problems: vec![problem(Severity::NeedsConfirmation, None)],
            ..Checked::default()
        };

        let failure = accepted_request(&checked, false).unwrap_err();

        assert!(failure.message.contains("--yes"), "{}", failure.message);
    }

    #[test]
    fn problem_line_names_field_and_fix_option() {
        let line = problem_line(
            &problem(Severity::Error, Some(Fix::KeepPublicPart)),
            false,
            true,
        );

        assert_eq!(
            line,
            "error (jwk): The JWK contains private key members (d). Add --public-part-only to send only the public part."
        );
    }

    #[test]
    fn problem_line_ends_message_before_hint() {
        let mut without_period = problem(Severity::Error, Some(Fix::KeepPublicPart));
        without_period.message = "JWK contains private key material".to_string();

        let line = problem_line(&without_period, false, true);

        assert!(line.contains("material. Add --public-part-only"), "{line}");
    }

    #[test]
    fn problem_line_shows_position() {
        let mut with_position = problem(Severity::Error, None);
        with_position.position = Some((2, 7));

        let line = problem_line(&with_position, false, true);

        assert!(
            line.starts_with("error (jwk, line 2, column 7): "),
            "{line}"
        );
    }

    #[test]
    fn problem_line_for_only_key_of_set() {
        let mut notice = problem(Severity::Notice, Some(Fix::PickKeyFromSet("ec-1".into())));
        notice.message = "JWK: the pasted JWK Set holds one key, which is used as the JWK".into();

        let line = problem_line(&notice, false, true);

        assert_eq!(
            line,
            "note (jwk): used the only key of the JWK Set, kid ec-1."
        );
    }

    #[test]
    fn problem_line_offers_pick_kid_for_unused_key() {
        let notice = problem(Severity::Notice, Some(Fix::PickKeyFromSet("ec-1".into())));

        let line = problem_line(&notice, false, false);

        assert!(
            line.ends_with("Add --pick-kid ec-1 to use that key."),
            "{line}"
        );
    }
}

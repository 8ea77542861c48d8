//! `--summary`: counts over every input, in fixed arrays (nothing grows per
//! input), printed as a table or, with `--json`, as one object.

use std::io::{self, Write};

use nhncloud_header::{Advice, Api, Category, Class, ErrorKind, Service};
use serde_json::{Map, Value, json};

use crate::failure::Failure;
use crate::report::Report;

/// HTTP statuses an API error can carry: its last three digits, 400 to 499.
const STATUSES: usize = 100;

pub struct Summary {
    service: Service,
    successful: u64,
    unsuccessful: u64,
    /// By category and by advice in `service`'s table.
    categories: [u64; Category::ALL.len()],
    advice: [u64; Advice::ALL.len()],
    /// Codes `service`'s table does not list.
    unknown_codes: u64,
    /// Compute's details, counted for `--service compute` only.
    classes: [u64; Class::ALL.len()],
    api_errors: [[u64; STATUSES]; Api::ALL.len()],
    error_kinds: [u64; ErrorKind::ALL.len()],
    unreadable: u64,
}

impl Summary {
    pub fn new(service: Service) -> Self {
        Summary {
            service,
            successful: 0,
            unsuccessful: 0,
            categories: [0; Category::ALL.len()],
            advice: [0; Advice::ALL.len()],
            unknown_codes: 0,
            classes: [0; Class::ALL.len()],
            api_errors: [[0; STATUSES]; Api::ALL.len()],
            error_kinds: [0; ErrorKind::ALL.len()],
            unreadable: 0,
        }
    }

    fn retryable(&self) -> u64 {
        Advice::ALL
            .into_iter()
            .filter(|advice| advice.retryable())
            .map(|advice| self.advice[advice as usize])
            .sum()
    }

    pub fn count_report(&mut self, report: &Report<'_>) {
        if report.is_successful {
            self.successful += 1;
        } else {
            self.unsuccessful += 1;
        }
        self.categories[report.category as usize] += 1;
        self.advice[report.advice as usize] += 1;
        self.unknown_codes += u64::from(!report.known);
        let Some(compute) = report.compute else {
            return;
        };
        self.classes[compute.class as usize] += 1;
        let api_error = compute.api.zip(compute.http_status);
        if let Some(count) = api_error.and_then(|(api, status)| {
            self.api_errors[api as usize].get_mut(usize::from(status).wrapping_sub(400))
        }) {
            *count += 1;
        }
    }

    pub fn count_failure(&mut self, failure: &Failure<'_>) {
        match failure {
            Failure::Malformed(malformed) => self.error_kinds[malformed.error.kind() as usize] += 1,
            Failure::Unreadable(_) | Failure::Binary(_) => self.unreadable += 1,
        }
    }

    fn malformed(&self) -> u64 {
        self.error_kinds.iter().sum::<u64>() + self.unreadable
    }

    fn inputs(&self) -> u64 {
        self.successful + self.unsuccessful + self.malformed()
    }

    /// Unsuccessful or malformed, as a share of all inputs (0 when none).
    fn failed_share(&self) -> f64 {
        match self.inputs() {
            0 => 0.0,
            inputs => (self.unsuccessful + self.malformed()) as f64 / inputs as f64,
        }
    }

    fn api_error_rows(&self) -> impl Iterator<Item = (Api, u16, u64)> + '_ {
        Api::ALL.into_iter().flat_map(move |api| {
            (0..STATUSES).filter_map(move |offset| {
                let count = self.api_errors[api as usize][offset];
                (count > 0).then_some((api, 400 + offset as u16, count))
            })
        })
    }

    fn error_kind_rows(&self) -> impl Iterator<Item = (&'static str, u64)> + '_ {
        let kinds = ErrorKind::ALL
            .into_iter()
            .map(|kind| (kind.name(), self.error_kinds[kind as usize]));
        kinds
            .chain([("unreadable", self.unreadable)])
            .filter(|&(_, count)| count > 0)
    }

    pub fn write_table(&self, out: &mut impl Write) -> io::Result<()> {
        writeln!(
            out,
            "summary: {} inputs: {} successful, {} unsuccessful, {} malformed ({:.1}% failed)",
            self.inputs(),
            self.successful,
            self.unsuccessful,
            self.malformed(),
            100.0 * self.failed_share()
        )?;
        let rows =
            |out: &mut dyn Write, title: &str, rows: &mut dyn Iterator<Item = (String, u64)>| {
                let mut rows = rows.peekable();
                if rows.peek().is_some() {
                    writeln!(out, "{title}")?;
                    for (name, count) in rows {
                        writeln!(out, "  {name:<32} {count:>10}")?;
                    }
                }
                io::Result::Ok(())
            };
        let categories = Category::ALL.into_iter().map(|category| {
            (
                category.name().to_string(),
                self.categories[category as usize],
            )
        });
        let title = format!(
            "by category in {} ({} codes not in its table):",
            self.service, self.unknown_codes
        );
        rows(out, &title, &mut categories.filter(|row| row.1 > 0))?;
        let advice = Advice::ALL
            .into_iter()
            .map(|advice| (advice.name().to_string(), self.advice[advice as usize]));
        let title = format!("by advice ({} retryable):", self.retryable());
        rows(out, &title, &mut advice.filter(|row| row.1 > 0))?;
        // Compute's classes and APIs would mislead over another service's
        // codes.
        if self.service == Service::Compute {
            let classes = Class::ALL
                .into_iter()
                .map(|class| (class.name().to_string(), self.classes[class as usize]));
            rows(
                out,
                "compute: by class:",
                &mut classes.filter(|row| row.1 > 0),
            )?;
            let mut api_errors = self
                .api_error_rows()
                .map(|(api, status, count)| (format!("{api} {status}"), count));
            rows(
                out,
                "compute: api_error by API and HTTP status:",
                &mut api_errors,
            )?;
        }
        let mut kinds = self
            .error_kind_rows()
            .map(|(kind, count)| (kind.to_string(), count));
        rows(out, "malformed, by error kind:", &mut kinds)
    }

    pub fn write_json(&self, out: &mut impl Write) -> io::Result<()> {
        let counts = |pairs: &mut dyn Iterator<Item = (&'static str, u64)>| -> Map<String, Value> {
            pairs
                .filter(|&(_, count)| count > 0)
                .map(|(name, count)| (name.to_string(), json!(count)))
                .collect()
        };
        let categories = counts(
            &mut Category::ALL
                .into_iter()
                .map(|category| (category.name(), self.categories[category as usize])),
        );
        let advice = counts(
            &mut Advice::ALL
                .into_iter()
                .map(|advice| (advice.name(), self.advice[advice as usize])),
        );
        let mut summary = json!({
            "inputs": self.inputs(),
            "successful": self.successful,
            "unsuccessful": self.unsuccessful,
            "malformed": self.malformed(),
            "failedShare": self.failed_share(),
            "service": self.service.name(),
            "categories": categories,
            "advice": advice,
            "retryable": self.retryable(),
            "unknownCodes": self.unknown_codes,
            "errors": counts(&mut self.error_kind_rows()),
        });
        if self.service == Service::Compute {
            let classes = counts(
                &mut Class::ALL
                    .into_iter()
                    .map(|class| (class.name(), self.classes[class as usize])),
            );
            let api_errors: Vec<Value> = self
                .api_error_rows()
                .map(|(api, status, count)| json!({"api": api.name(), "httpStatus": status, "count": count}))
                .collect();
            summary["classes"] = json!(classes);
            summary["apiErrors"] = json!(api_errors);
        }
        let summary = json!({ "summary": summary });
        serde_json::to_writer(&mut *out, &summary)?;
        writeln!(out)
    }
}

// Core makes words a person reads (verdicts, entry answers, the take-away) from the one catalogue;
// re-exported so the UI, the CLI and tests that import Core see `S`, `Catalogue` and `tr` too.
@_exported import LocalOfferStrings

import ArgumentParser
import Foundation
import LocalOfferCore

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Publish the Local Offer as an Open Referral UK 3.0 static feed.",
        discussion: "Writes the nine endpoints of the ORUK 3.0 spec as static files: DIR/index.json, DIR/services.json, DIR/services/<uuid>.json, DIR/service_at_locations.json and /<uuid>.json, DIR/taxonomies.json and /<uuid>.json, DIR/taxonomy_terms.json and /<uuid>.json. Serve DIR with the README's rewrite rule and CORS header. Drafts are never exported.")
    @Option(name: .customLong("oruk"), help: "The folder to write the feed into (created if missing).") var dir: String
    @OptionGroup var contentOptions: ContentOptions

    func run() throws {
        // Drafts are never published, whatever --drafts says.
        let content = try contentOptions.load(allowDrafts: false)
        let url = URL(fileURLWithPath: dir)
        do {
            let summary = try ORUKExport.export(content, to: url)
            print("Wrote \(summary.services) ORUK services (\(summary.entries) entries, one a borough where offered) to \(url.path).")
        } catch {
            Output.error("error: cannot write the feed to \(url.path): \(error.localizedDescription)")
            throw ExitCode(1)
        }
    }
}

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Take in a council directory (ORUK 3.0 or 1.0 services page, or one service) as draft entries.",
        discussion: "Each valid record becomes DIR/services/<id>.yaml; each refused one is reported as FILE: PATH: error: MESSAGE. Exit 1 if any record was refused. --oruk takes a file or the http(s) address of a live /services API, whose pages are followed (bounded by --max-pages, --max-page-mb, --max-seconds and --max-request-seconds).")
    @Option(name: .customLong("oruk"), help: "The ORUK JSON file (a /services page or a /services/{id} document), or a /services address (http:// or https://) whose pages are followed.") var file: String
    @Option(help: "The content folder to add the entries to.") var into: String
    @Option(help: "The feed's web address, kept in each entry's sources (default: the file name, or the address given to --oruk).") var feedUrl: String?
    @Option(help: "The category of the imported entries (an id in vocabulary.yaml).") var category: String = "directory"
    @Flag(help: "Also import records whose data places them outside Richmond and Kingston (offered in neither, for an editor to decide).")
    var keepOutOfArea = false
    @Option(help: "From an address: the most pages followed.") var maxPages: Int = Limits.pages
    @Option(help: "From an address: the most megabytes of one page.") var maxPageMb: Int = Limits.pageBytes / 1_048_576
    @Option(help: "From an address: the most seconds for the whole fetch.") var maxSeconds: Int = Int(Limits.fetchSeconds)
    @Option(help: "From an address: the most seconds for one page (its whole answer, and the most the server may send nothing).") var maxRequestSeconds: Int = Int(Limits.requestSeconds)
    @Option(help: "From an address: the services asked for on each page (per_page), unless the address sets its own.") var perPage: Int = 500

    /// `--oruk` names an address rather than a file: anything with a scheme (`ftp://` is refused, not read as a file name).
    var isAddress: Bool { file.contains("://") }

    func validate() throws {
        if let feedUrl, !(feedUrl.hasPrefix("https://") || feedUrl.hasPrefix("http://")) {
            throw ValidationError("--feed-url must be a web address (http:// or https://)")
        }
        if isAddress, let why = ORUKFetch.check(address: file) { throw ValidationError("--oruk \(Sanitize.oneLine(String(file.prefix(200)))): \(why)") }
        if maxPages < 1 || maxPages > 100_000 { throw ValidationError("--max-pages must be from 1 to 100000") }
        if maxPageMb < 1 || maxPageMb > Limits.feedBytes / 1_048_576 { throw ValidationError("--max-page-mb must be from 1 to \(Limits.feedBytes / 1_048_576)") }
        if maxSeconds < 1 || maxSeconds > 86_400 { throw ValidationError("--max-seconds must be from 1 to 86400") }
        if maxRequestSeconds < 1 || maxRequestSeconds > 86_400 { throw ValidationError("--max-request-seconds must be from 1 to 86400") }
        if perPage < 1 || perPage > 50_000 { throw ValidationError("--per-page must be from 1 to 50000") }
    }

    func run() throws {
        let label = isAddress ? ORUKFetch.shown(file) : file
        let options = ORUKImport.Options(label: label, feedURL: feedUrl ?? (isAddress ? ORUKFetch.withoutCredentials(file) : nil), category: category, keepOutOfArea: keepOutOfArea)
        let into = URL(fileURLWithPath: self.into)
        let (report, drafts): (ORUKImport.Report, [ORUKImport.Draft])
        if isAddress {
            var bounds = ORUKFetch.Bounds()
            bounds.pages = maxPages
            bounds.pageBytes = maxPageMb * 1_048_576
            bounds.seconds = Double(maxSeconds)
            bounds.requestSeconds = Double(maxRequestSeconds)
            bounds.perPage = perPage
            (report, drafts) = ORUKImport.run(address: file, bounds: bounds, into: into, options: options)
        } else {
            (report, drafts) = ORUKImport.run(file: URL(fileURLWithPath: file), into: into, options: options)
        }
        for p in report.problems { Output.error(p.description) }
        let updated = Set(drafts.map(\.id)).count
        print("Imported \(report.imported) record\(report.imported == 1 ? "" : "s") as \(updated) entr\(updated == 1 ? "y" : "ies") in \(into.appendingPathComponent("services").path); refused \(report.refused), skipped \(report.skipped), out of area \(report.outOfArea)\(report.ours > 0 ? ", our own \(report.ours)" : "").\(report.imported > 0 ? " They are drafts: check them (localoffer check --content \(self.into)), then publish each with localoffer review ID." : "")")
        if !report.ok { throw ExitCode(1) }
    }
}

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
        discussion: "Each valid record becomes DIR/services/<id>.yaml; each refused one is reported as FILE: PATH: error: MESSAGE. Exit 1 if any record was refused.")
    @Option(name: .customLong("oruk"), help: "The ORUK JSON file: a /services page or a /services/{id} document.") var file: String
    @Option(help: "The content folder to add the entries to.") var into: String
    @Option(help: "The feed's web address, kept in each entry's sources (default: the file name).") var feedUrl: String?
    @Option(help: "The category of the imported entries (an id in vocabulary.yaml).") var category: String = "directory"
    @Flag(help: "Also import records whose data places them outside Richmond and Kingston (offered in neither, for an editor to decide).")
    var keepOutOfArea = false

    func validate() throws {
        if let feedUrl, !(feedUrl.hasPrefix("https://") || feedUrl.hasPrefix("http://")) {
            throw ValidationError("--feed-url must be a web address (http:// or https://)")
        }
    }

    func run() throws {
        let options = ORUKImport.Options(label: file, feedURL: feedUrl, category: category, keepOutOfArea: keepOutOfArea)
        let (report, drafts) = ORUKImport.run(file: URL(fileURLWithPath: file), into: URL(fileURLWithPath: into), options: options)
        for p in report.problems { Output.error(p.description) }
        let updated = Set(drafts.map(\.id)).count
        print("Imported \(report.imported) record\(report.imported == 1 ? "" : "s") as \(updated) entr\(updated == 1 ? "y" : "ies") in \(URL(fileURLWithPath: into).appendingPathComponent("services").path); refused \(report.refused), skipped \(report.skipped), out of area \(report.outOfArea)\(report.ours > 0 ? ", our own \(report.ours)" : "").\(report.imported > 0 ? " They are drafts: check them (localoffer check --content \(into)), then publish each with localoffer review ID." : "")")
        if !report.ok { throw ExitCode(1) }
    }
}

import ArgumentParser
import Foundation
import LocalOfferCore

/// `localoffer review ID…`: an editor has read an imported draft and publishes it. Only the
/// `draft: true` line goes; the rest of the file is left exactly as the editor made it.
struct Review: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Mark imported draft entries as reviewed, so families see them.",
        discussion: "Removes `draft: true` from services/ID.yaml (or guides/ID.yaml). `localoffer check` lists the drafts; `--drafts` shows them to an editor in search, list and the navigator.")
    @Argument(help: "The ids of the entries to publish.") var ids: [String]
    @OptionGroup var contentOptions: ContentOptions

    func validate() throws {
        if ids.isEmpty { throw ValidationError("name at least one entry id (localoffer check lists the drafts)") }
        if ids.count > 100_000 { throw ValidationError("at most 100000 ids at once") }
    }

    func run() throws {
        let root = ContentLocator.locate(contentOptions.content)
        var failed = false
        var known: [String]?
        for id in ids {
            guard Identifier.isValid(id) else {
                Output.error("error: '\(Sanitize.oneLine(id))' is not an entry id (lower-case kebab-case)")
                failed = true
                continue
            }
            let candidates = ["services", "guides"].map { root.appendingPathComponent("\($0)/\(id).yaml") }
            guard let file = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) }) else {
                let all = known ?? ((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("services").path)) ?? [])
                    .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }
                known = all
                Output.error("error: no entry '\(id)'" + Suggest.didYouMean(id, among: all))
                failed = true
                continue
            }
            switch ReviewMark.clear(file) {
            case .cleared: print("Reviewed \(id): families will see it.")
            case .notDraft: print("\(id) was not a draft: unchanged.")
            case .failed(let why):
                Output.error("error: cannot update \(file.path): \(why)")
                failed = true
            }
        }
        if failed { throw ExitCode(1) }
    }
}

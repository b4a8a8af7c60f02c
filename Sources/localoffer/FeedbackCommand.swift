import ArgumentParser
import Foundation
import LocalOfferCore

/// `localoffer feedback`: what families told the Local Offer team (regulation 56, "you said, we did").
struct FeedbackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feedback",
        abstract: "What families told the Local Offer team, and a way for editors to add to it.",
        discussion: """
            Feedback is kept in the state folder: $LOCALOFFER_STATE_DIR, else $XDG_STATE_HOME/localoffer, \
            else ~/.local/state/localoffer (feedback.tsv, mode 0600, at most 512 KB).
            """,
        subcommands: [Report.self, Add.self]
    )

    static func store() throws -> FeedbackStore {
        guard let dir = FeedbackStore.defaultDirectory() else {
            Output.error("error: no state folder for feedback: set LOCALOFFER_STATE_DIR, XDG_STATE_HOME or HOME")
            throw ExitCode(1)
        }
        return FeedbackStore(directory: dir)
    }

    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Counts per entry and choice, and the searches that found nothing useful.")
        @Flag(help: "Print JSON.") var json = false
        @Option(help: "Only feedback from this day on (YYYY-MM-DD).") var since: String?
        @Option(name: .long, help: "The content folder, for the entries' titles (optional).") var content: String?

        func validate() throws {
            if let since, FeedbackDay(since) == nil { throw ValidationError("--since must be a date, YYYY-MM-DD") }
        }

        func run() throws {
            let store = try FeedbackCommand.store()
            let loaded: (records: [FeedbackRecord], problems: [String])
            do { loaded = try store.load() } catch {
                Output.error("error: \(error)")
                throw ExitCode(1)
            }
            for p in loaded.problems { Output.error(p) }
            // Titles help a "you said, we did" page; a report still works without readable content.
            let result = ContentLoader.load(from: ContentLocator.locate(content), warnings: false)
            let titles = Dictionary(result.content.entries.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
            let report = FeedbackReport(records: loaded.records, since: since.flatMap(FeedbackDay.init))
            if json { Output.json(JSONShape.FeedbackReportJSON(report, titles: titles)) } else { print(report.text(titles: titles)) }
        }
    }

    /// For editors at their own terminal (never a kiosk or shared one): a choice and a note.
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Record a choice about an entry, with an optional note (editors).")
        @Argument(help: "The entry's id.") var id: String
        @Option(help: "wrong-or-out-of-date, could-not-find, hard-to-understand or helpful.") var choice: String
        @Option(help: "A note for the Local Offer team (at most 500 characters).") var note: String?
        @OptionGroup var contentOptions: ContentOptions

        func run() throws {
            guard let c = FeedbackChoice(rawValue: choice) else {
                Output.error("error: --choice must be one of \(FeedbackChoice.allCases.map(\.rawValue).joined(separator: ", "))")
                throw ExitCode(1)
            }
            let content = try contentOptions.load()
            let engine = SearchEngine(content: content)
            guard content.entries.contains(where: { $0.id == id }) else {
                let near = engine.nearestIds(to: id)
                Output.error("error: no entry '\(id)'" + (near.isEmpty ? "" : ": did you mean \(near.joined(separator: ", "))?"))
                throw ExitCode(1)
            }
            let recorder = FeedbackRecorder(store: try FeedbackCommand.store(), policy: .editor,
                                            vocabulary: FeedbackVocabulary(engine: engine))
            do { try recorder.entry(id, choice: c, note: note) } catch {
                Output.error("error: \(error)")
                throw ExitCode(1)
            }
            print("Thank you: recorded \(c.label) for \(id).")
        }
    }
}

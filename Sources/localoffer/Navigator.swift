import ArgumentParser
import Foundation
import LocalOfferCore
import LocalOfferTerminal
import LocalOfferUI

/// Wires the pure UI to the ncurses backend and does the few things that touch the world:
/// saving or printing the take-away, and (kiosk) taking new content at an idle reset.
enum Navigator {
    static let kioskPINFile = KioskPIN.defaultPath

    static func run(content: Content, options: LocalOffer) throws {
        let noColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        let theme: Theme = noColor ? .mono : (Theme(rawValue: options.theme) ?? .standard)
        let pin = options.mode.isKiosk ? readPIN(options.pinFile) : nil
        let saveDir = saveDirectory(options)
        var config = AppConfig(mode: options.mode, idleTimeout: Double(options.idleTimeout), theme: theme, kioskPIN: pin)
        config.saveDirectory = saveDir
        config.strings = Catalogue.current
        config.glyphs = Glyphs.forTerminal(term: ProcessInfo.processInfo.environment["TERM"] ?? "", asciiFlag: options.display.ascii)
        config.blocks = !options.display.ascii
        var state = AppState(content: content, config: config)
        let backend: NcursesBackend
        do {
            // Kiosk and shared terminal: the screen is wiped on every way out (the next person
            // at the console must not see what the last one searched for).
            backend = try NcursesBackend(colors: theme != .mono, catchInterrupts: true,
                                         clearOnExit: options.mode.isKiosk || options.mode.isShared)
        } catch {
            if options.mode.isKiosk {
                // Never a kiosk in line mode: Ctrl-C would end it.
                Output.error("localoffer: --kiosk needs a full-screen terminal; cannot use TERM=\(ProcessInfo.processInfo.environment["TERM"] ?? ""); not starting")
                throw ExitCode(1)
            }
            // No usable terminal (a bad TERM): the line mode still works.
            Output.error("localoffer: cannot use this terminal (TERM=\(ProcessInfo.processInfo.environment["TERM"] ?? "")); using plain mode")
            plainSession(content: content, options: options).run()
            return
        }
        defer { backend.shutdown() }
        var watcher = ContentWatcher(root: ContentLocator.locate(options.contentOptions.content))
        // One per process, made at the first feedback (its vocabulary costs start-up time): it holds
        // the below-threshold search counts in memory only, never on disk.
        var recorder: FeedbackRecorder?
        func feedbackRecorder(_ engine: SearchEngine) -> FeedbackRecorder {
            if let recorder { return recorder }
            let made = FeedbackRecorder(engine: engine, kiosk: options.mode.isKiosk, shared: options.mode.isShared)
            recorder = made
            return made
        }
        Loop.run(&state, backend: backend) { state, effect in
            switch effect {
            case .feedback(let entry, let query, let choice):
                do {
                    // Held, already counted or nothing to keep: the family's thanks are the same, so
                    // the screen never tells one search from another.
                    let feedback = feedbackRecorder(state.engine)
                    if let entry { try feedback.entry(entry, choice: choice) } else { try feedback.unmetSearch(query ?? "") }
                } catch {
                    // The family is told plainly; the reason (a state folder problem) goes to the journal.
                    state.message = state.config.strings[.feedbackNotKept]
                    SystemLog.warning("feedback not kept: \(error)")
                }
            case .newSession:
                recorder?.newSession()
            case .saveTakeaway(let name):
                state.message = saveTakeaway(state.takeaway(), name: name, in: saveDir)
            case .printTakeaway:
                state.message = printTakeaway(state.takeaway(), command: options.printCommand)
            case .idleReset:
                recorder?.newSession()
                // New content is taken only when it passes `check`; otherwise the last good content stays.
                switch watcher.check() {
                case .unchanged: break
                case .reloaded(let content):
                    state.content = content
                    state.engine = SearchEngine(content: content)
                case .refused(let errors):
                    // To the system journal: the terminal is the kiosk's screen, not a log.
                    SystemLog.warning("content update refused: \(errors.count) error\(errors.count == 1 ? "" : "s") (run localoffer check); keeping the running content")
                }
            default:
                break
            }
        }
    }

    /// The staff PIN, or nil (the kiosk then cannot be left from the keyboard), with a one-line
    /// warning to stderr and the journal saying why.
    static func readPIN(_ path: String) -> String? {
        switch KioskPIN.load(path: path) {
        case .success(let pin): return pin
        case .failure(let problem):
            Output.error("localoffer: warning: \(problem)")
            SystemLog.warning("\(problem)")
            return nil
        }
    }

    /// Writes the take-away: a file name only, into the one save folder, never over an existing
    /// file or through a link. Both front ends save through this (full screen Ctrl-S, plain "save").
    static func saveTakeaway(_ text: String, name: String, in dir: String) -> String {
        do {
            let written = try TakeawayFile.save(Sanitize.text(text), name: name, in: dir)
            return tr(.savedTo, ["path": written])
        } catch {
            return tr(.saveFailed, ["why": "\(error)"])
        }
    }

    static func saveDirectory(_ options: LocalOffer) -> String {
        options.saveDir.map { ($0 as NSString).expandingTildeInPath } ?? TakeawayFile.defaultDirectory()
    }

    /// The words on screen, full or plain: English, or the strings file LOCALOFFER_LANG names
    /// (its problems to stderr).
    static func catalogue(_ options: LocalOffer) -> Catalogue { catalogue(content: options.contentOptions.content) }

    static func catalogue(content: String?) -> Catalogue {
        let env = ProcessInfo.processInfo.environment
        let stringsDir = env["LOCALOFFER_STRINGS"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ContentLocator.locate(content).appendingPathComponent("strings").path
        let strings = Catalogue.load(language: env["LOCALOFFER_LANG"], dir: stringsDir)
        for p in strings.problems { Output.error("localoffer: " + p) }
        return strings.catalogue
    }

    /// The line mode, with the same save and print as the full screen, at the terminal's real
    /// width, with words and web addresses kept whole (a screen reader hears them in one piece).
    static func plainSession(content: Content, options: LocalOffer) -> StreamedPlainSession {
        StreamedPlainSession(session: PlainSession(content: content, mode: options.mode, width: Output.width,
                                                   strings: Catalogue.current,
                                                   readLine: { Swift.readLine() }, write: { print($0) },
                                                   save: { name, text in saveTakeaway(text, name: name, in: saveDirectory(options)) },
                                                   print: { text in printTakeaway(text, command: options.printCommand) }))
    }

    struct StreamedPlainSession {
        var session: PlainSession
        func run() { Output.stream { session.run() } }
    }

    static func printTakeaway(_ text: String, command: String) -> String {
        Printer.message(Printer.send(Sanitize.text(text), command: command), command: command)
    }
}

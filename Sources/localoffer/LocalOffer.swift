import ArgumentParser
import Foundation
import LocalOfferCore
import LocalOfferTerminal
import LocalOfferUI

@main
struct LocalOffer: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "localoffer",
        abstract: "Find your way round the SEND Local Offer of Richmond upon Thames and Kingston upon Thames.",
        discussion: """
            With no command, opens the full-screen navigator in a terminal, or a plain line mode otherwise. \
            --shared combines with --champion or --adviser; --kiosk stands alone, and refuses to start \
            without a full-screen terminal.
            """,
        version: "localoffer \(LocalOffer.version)",
        subcommands: [Search.self, Show.self, List.self, FlowCommand.self, Glossary.self, Check.self, Bench.self, Export.self, Import.self, FeedbackCommand.self, Review.self]
    )

    /// The one place the version lives (`localoffer --version`, the man page).
    static let version = "1.1.0"

    @Flag(help: "Kiosk in a public place: locked keys, idle reset, nothing saved. Stands alone; needs a full-screen terminal.") var kiosk = false
    @Flag(help: "Shared terminal (SENDIASS advisers): Ctrl-N wipes everything for the next family. Combines with --champion or --adviser.") var shared = false
    @Flag(help: "Parent Champion: talking points on every entry, print the take-away.") var champion = false
    @Flag(help: "Adviser: statutory basis and timescales; Richmond/Kingston side by side.") var adviser = false
    @Flag(help: "Line-by-line mode for screen readers and pipes.") var plain = false
    @Option(help: "Seconds without input before a kiosk starts again.") var idleTimeout: Int = 120
    @Option(help: "Colours: default, high-contrast or mono.") var theme: String = "default"
    @Option(help: "Print command for the take-away summary (champion mode).") var printCommand: String = "lp"
    @OptionGroup var contentOptions: ContentOptions
    @OptionGroup var display: DisplayOptions
    @Option(help: "Folder where the take-away is saved (a file name is asked for; default: ~/localoffer-takeaways, created private).")
    var saveDir: String?
    @Option(help: "The kiosk's staff PIN file (at least 6 digits; a regular file no one but its owner and group can read).")
    var pinFile: String = Navigator.kioskPINFile

    /// Before anything else: no signal may kill the program without its say. A closed pipe becomes
    /// EPIPE on write (`search … | head -1` stops quietly); the navigator adds its own handlers.
    static func main() {
        Signals.ignoreForCommandLine()
        Self.main(nil)
    }

    func validate() throws {
        if kiosk && (shared || champion || adviser) {
            throw ValidationError("--kiosk stands alone: it cannot be combined with --shared, --champion or --adviser")
        }
        if champion && adviser {
            throw ValidationError("choose one of --champion or --adviser (either can be combined with --shared)")
        }
        if kiosk && plain {
            throw ValidationError("--kiosk needs a full-screen terminal: it never runs in --plain mode")
        }
        if idleTimeout < 5 { throw ValidationError("--idle-timeout must be at least 5 seconds") }
        if !["default", "high-contrast", "mono"].contains(theme) {
            throw ValidationError("--theme must be default, high-contrast or mono")
        }
    }

    var mode: UsageMode {
        UsageMode(kiosk: kiosk, shared: shared, role: champion ? .champion : adviser ? .adviser : .none)
    }

    func run() throws {
        // The whole session in the language LOCALOFFER_LANG names (the screens, plain mode and the
        // messages of saving and printing).
        try Catalogue.$current.withValue(Navigator.catalogue(self)) { try session() }
    }

    func session() throws {
        // A print command that stops reading must be an error to report, never a signal that kills us.
        Printer.ignoreSIGPIPE()
        let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
        let interactive = isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
        let fullScreen = interactive && !term.isEmpty && term != "dumb"
        if kiosk && !fullScreen {
            // A kiosk in line mode could be ended with Ctrl-C: refuse, so the service restarts it visibly.
            Output.error("localoffer: --kiosk needs a full-screen terminal (TERM=\(term.isEmpty ? "unset" : term)\(interactive ? "" : ", input or output is not a terminal")); not starting")
            throw ExitCode(1)
        }
        let content = try contentOptions.load(allowDrafts: !kiosk && !shared)
        if plain || !fullScreen {
            Navigator.plainSession(content: content, options: self).run()
            return
        }
        try Navigator.run(content: content, options: self)
    }
}

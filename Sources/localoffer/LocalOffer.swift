import ArgumentParser
import Foundation
import LocalOfferCore
import LocalOfferUI

@main
struct LocalOffer: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "localoffer",
        abstract: "Find your way round the SEND Local Offer of Richmond upon Thames and Kingston upon Thames.",
        discussion: "With no command, opens the full-screen navigator in a terminal, or a plain line mode otherwise.",
        subcommands: [Search.self, Show.self, List.self, FlowCommand.self, Glossary.self, Check.self, Bench.self]
    )

    @Flag(help: "Kiosk in a public place: locked keys, idle reset, nothing saved.") var kiosk = false
    @Flag(help: "Shared terminal (SENDIASS advisers): nothing kept between families.") var shared = false
    @Flag(help: "Parent Champion: talking points on every entry, print the take-away.") var champion = false
    @Flag(help: "Adviser: statutory basis and timescales; Richmond/Kingston side by side.") var adviser = false
    @Flag(help: "Line-by-line mode for screen readers and pipes.") var plain = false
    @Option(help: "Seconds without input before a kiosk starts again.") var idleTimeout: Int = 120
    @Option(help: "Colours: default, high-contrast or mono.") var theme: String = "default"
    @Option(help: "Print command for the take-away summary (champion mode).") var printCommand: String = "lp"
    @OptionGroup var contentOptions: ContentOptions
    @OptionGroup var display: DisplayOptions

    func validate() throws {
        if [kiosk, shared, champion, adviser].filter({ $0 }).count > 1 {
            throw ValidationError("choose one of --kiosk, --shared, --champion, --adviser")
        }
        if idleTimeout < 5 { throw ValidationError("--idle-timeout must be at least 5 seconds") }
        if !["default", "high-contrast", "mono"].contains(theme) {
            throw ValidationError("--theme must be default, high-contrast or mono")
        }
    }

    var mode: UsageMode {
        if kiosk { return .kiosk }
        if shared { return .shared }
        if champion { return .champion }
        if adviser { return .adviser }
        return .family
    }

    func run() throws {
        let content = try contentOptions.load()
        let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
        let interactive = isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
        if plain || !interactive || term.isEmpty || term == "dumb" {
            let session = PlainSession(content: content, mode: mode, readLine: { Swift.readLine() }, write: { print($0) })
            session.run()
            return
        }
        try Navigator.run(content: content, options: self)
    }
}

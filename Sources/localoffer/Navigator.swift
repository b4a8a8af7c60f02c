import Foundation
import LocalOfferCore
import LocalOfferTerminal
import LocalOfferUI

/// Wires the pure UI to the ncurses backend and does the few things that touch the world:
/// saving or printing the take-away, and (kiosk) taking new content at an idle reset.
enum Navigator {
    static let kioskPINFile = "/etc/localoffer/kiosk-pin"

    static func run(content: Content, options: LocalOffer) throws {
        let noColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        let theme: Theme = noColor ? .mono : (Theme(rawValue: options.theme) ?? .standard)
        let pin = options.mode == .kiosk ? readPIN() : nil
        var state = AppState(content: content, config: AppConfig(mode: options.mode, idleTimeout: Double(options.idleTimeout),
                                                                  theme: theme, kioskPIN: pin))
        let backend: NcursesBackend
        do {
            backend = try NcursesBackend(colors: theme != .mono, catchInterrupts: true)
        } catch {
            // No usable terminal (a bad TERM): the line mode still works.
            Output.error("localoffer: cannot use this terminal (TERM=\(ProcessInfo.processInfo.environment["TERM"] ?? "")); using plain mode")
            PlainSession(content: content, mode: options.mode, readLine: { Swift.readLine() }, write: { print($0) }).run()
            return
        }
        defer { backend.shutdown() }
        let contentRoot = ContentLocator.locate(options.contentOptions.content)
        var contentStamp = stamp(contentRoot)
        Loop.run(&state, backend: backend) { state, effect in
            switch effect {
            case .saveTakeaway(let path):
                do {
                    try state.takeaway().write(toFile: (path as NSString).expandingTildeInPath, atomically: true, encoding: .utf8)
                    state.message = "Saved your list to \(path)."
                } catch {
                    state.message = "Could not save to \(path): check the folder exists and can be written."
                }
            case .printTakeaway:
                state.message = printTakeaway(state.takeaway(), command: options.printCommand)
            case .idleReset:
                // New content is taken only when it passes `check`; otherwise the last good content stays.
                let now = stamp(contentRoot)
                guard now != contentStamp else { return }
                contentStamp = now
                let result = ContentLoader.load(from: contentRoot)
                if result.isValid {
                    state.content = result.content
                    state.engine = SearchEngine(content: result.content)
                } else {
                    let line = "content update refused: \(result.errors.count) errors (run localoffer check)\n"
                    FileHandle.standardError.write(Data(line.utf8))
                }
            default:
                break
            }
        }
    }

    static func readPIN() -> String? {
        guard let text = try? String(contentsOfFile: kioskPINFile, encoding: .utf8) else { return nil }
        let pin = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return pin.isEmpty ? nil : pin
    }

    /// The newest modification time under the content folder: cheap enough for an idle reset.
    static func stamp(_ root: URL) -> Double {
        var newest = 0.0
        let fm = FileManager.default
        guard let e = fm.enumerator(at: root, includingPropertiesForKeys: [.contentModificationDateKey]) else { return 0 }
        for case let url as URL in e {
            if let d = (try? url.resourceValues(forKeys: [.contentModificationDateKey]))?.contentModificationDate {
                newest = max(newest, d.timeIntervalSince1970)
            }
        }
        return newest
    }

    static func printTakeaway(_ text: String, command: String) -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = command.split(separator: " ").map(String.init)
        let pipe = Pipe()
        p.standardInput = pipe
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        do {
            try p.run()
            pipe.fileHandleForWriting.write(Data(text.utf8))
            try? pipe.fileHandleForWriting.close()
            p.waitUntilExit()
            return p.terminationStatus == 0 ? "Sent your list to the printer." : "Printing failed (\(command)): save it with Ctrl-S instead."
        } catch {
            return "No print command (\(command)): save it with Ctrl-S instead."
        }
    }
}

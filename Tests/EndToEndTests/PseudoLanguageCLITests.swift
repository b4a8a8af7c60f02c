import Foundation
import Testing
@testable import LocalOfferCore

/// The CLI's text output and the plain mode, from the built binary, in the pseudo-language
/// (`LOCALOFFER_LANG=qps` and a `qps.strings` that wraps every entry in ⟦ ⟧): no English the
/// catalogue does not hold may appear outside the brackets, only the content's own words. And
/// `--json` does not change with the language: the contract fixes it. Needs `swift build` first.
@Suite(.serialized) struct PseudoLanguageCLITests {
    static let dir: String = {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("localoffer-pseudo-cli-\(getpid())")
        try? FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        try? Pseudo.file.write(to: d.appendingPathComponent("qps.strings"), atomically: true, encoding: .utf8)
        return d.path
    }()
    static let env = ["LOCALOFFER_LANG": "qps", "LOCALOFFER_STRINGS": dir, "COLUMNS": "100"]
    static let contentText = Pseudo.strings(in: CLIOutputTests.shipped).joined(separator: "\n")
    static let allowed = Pseudo.words(contentText).union(Pseudo.keyNames).union(Borough.allCases.flatMap { Pseudo.words($0.fullName) })
        // The program's and the commands' own names, as the user types them.
        .union(["localoffer", "show", "flow", "answer", "limit", "value", "sendiass"])

    static func expectNoEnglish(_ args: [String], typed: [String] = [], input: String? = nil,
                                sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let out = try input.map { try Self.pipe(args, input: $0) } ?? CLIOutputTests.run(args, env: env).out
        #expect(out.contains(Pseudo.open), "\(args): nothing in the pseudo-language\n\(out)", sourceLocation: sourceLocation)
        if let l = Pseudo.leaks(out, content: contentText, allowed: allowed.union(typed.flatMap(Pseudo.words))) {
            Issue.record("\(args): English outside the catalogue: \(l)\n\(out)", sourceLocation: sourceLocation)
        }
    }

    /// The plain mode reads its answers from stdin.
    static func pipe(_ args: [String], input: String) throws -> String {
        let bin = try #require(Tmux.binary, "build localoffer first (swift build)")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: bin)
        p.arguments = args
        p.environment = ProcessInfo.processInfo.environment.merging(env) { _, b in b }
        let inp = Pipe(), out = Pipe()
        p.standardInput = inp
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        inp.fileHandleForWriting.write(Data(input.utf8))
        try inp.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: o, as: UTF8.self)
    }

    @Test func searchShowListFlowAndGlossary() throws {
        try Self.expectNoEnglish(["search", "speech", "therapy", "--borough", "richmond", "--age", "7"], typed: ["speech", "therapy"])
        try Self.expectNoEnglish(["search", "respite", "--limit", "1"], typed: ["respite"])
        try Self.expectNoEnglish(["search", "zzqx", "wobble"], typed: ["zzqx", "wobble"])
        try Self.expectNoEnglish(["show", "dysart-school", "--borough", "richmond", "--status", "ehcp", "--age", "9"])
        try Self.expectNoEnglish(["show", "speech-and-language-therapy", "--borough", "kingston", "--detail"])
        try Self.expectNoEnglish(["show", "speech-and-language-therapy"])
        try Self.expectNoEnglish(["list", "--borough", "kingston", "--status", "ehcp", "--age", "17"])
        try Self.expectNoEnglish(["flow", "find-support"])
        try Self.expectNoEnglish(["flow", "find-support", "--answer", "borough=richmond", "--answer", "age=7"])
        try Self.expectNoEnglish(["glossary", "ehcp"])
    }

    @Test func plainMode() throws {
        try Self.expectNoEnglish(["--plain"], typed: ["talking", "ehcp"], input: "1\ntalking\n1\na\n\n\n9\n\n10\n\n6\nehcp\n\nq\n")
    }

    /// The JSON the contract fixes is the same byte for byte in any language.
    @Test func jsonDoesNotChangeWithTheLanguage() throws {
        for args in [["search", "speech", "--borough", "richmond", "--json"],
                     ["show", "dysart-school", "--borough", "richmond", "--status", "ehcp", "--json"],
                     ["list", "--borough", "kingston", "--age", "3", "--json"],
                     ["flow", "find-support", "--answer", "borough=richmond", "--answer", "age=7", "--json"]] {
            let english = try CLIOutputTests.run(args).out
            let pseudo = try CLIOutputTests.run(args, env: Self.env).out
            #expect(!english.isEmpty && english == pseudo, "\(args)")
            #expect(!pseudo.contains(Pseudo.open), "\(args)")
        }
    }
}

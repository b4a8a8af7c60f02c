import ArgumentParser
import Foundation
import LocalOfferCore

struct ContentOptions: ParsableArguments {
    @Option(name: .long, help: "The content folder (default: the content that ships with localoffer).")
    var content: String?
    @Flag(help: "Editors: include entries still marked draft (imported, not yet reviewed). Never in --kiosk, --shared or export.")
    var drafts = false

    /// Loads content; broken content stops every command except `check`, saying where.
    /// `allowDrafts: false` where families or the published feed are served, whatever --drafts says.
    func load(allowDrafts: Bool = true) throws -> Content {
        try load(allowDrafts: allowDrafts, engine: false).content
    }

    /// The content and its search engine, restored from the snapshot when it holds one (a command
    /// that searches: building the engine was a third of a whole `search`).
    func loadWithEngine(allowDrafts: Bool = true) throws -> (content: Content, engine: SearchEngine) {
        let r = try load(allowDrafts: allowDrafts, engine: true)
        return (r.content, r.engine ?? SearchEngine(content: r.content))
    }

    func load(allowDrafts: Bool, engine: Bool) throws -> (content: Content, engine: SearchEngine?) {
        let root = ContentLocator.locate(content)
        // From the snapshot when nothing changed since it was made; `check` always reads the YAML.
        // The snapshot never holds drafts: an editor's --drafts reads the YAML itself.
        let result: ContentLoader.Result
        var built: SearchEngine?
        if drafts && allowDrafts {
            result = ContentLoader.load(from: root, warnings: false, includeDrafts: true)
        } else if engine {
            let r = ContentSnapshot.loadWithEngine(from: root, programVersion: LocalOffer.version)
            result = r.result
            built = r.engine
        } else {
            result = ContentSnapshot.load(from: root, programVersion: LocalOffer.version).result
        }
        guard result.isValid else {
            for d in result.errors.prefix(20) { Output.error(d.description) }
            if result.errors.count > 20 { Output.error("… and \(result.errors.count - 20) more") }
            Output.error("error: the content has \(result.errors.count) error\(result.errors.count == 1 ? "" : "s"); run `localoffer check` for all of them")
            throw ExitCode(1)
        }
        return (result.content, built)
    }
}

struct ProfileOptions: ParsableArguments {
    @Option(help: "Borough: richmond or kingston.")
    var borough: Borough?
    @Option(help: "Age in whole years, 0 to 25.")
    var age: Int?
    @Option(help: "What the child has: none, sen-support or ehcp.")
    var status: Status?

    func validate() throws {
        if let age, !validAges.contains(age) { throw ValidationError("--age must be a whole number from 0 to 25") }
    }

    var profile: Profile { Profile(borough: borough, age: age, status: status) }
}

extension Borough: ExpressibleByArgument {
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}
extension Status: ExpressibleByArgument {
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}
extension NeedArea: ExpressibleByArgument {
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

struct DisplayOptions: ParsableArguments {
    @Flag(help: "ASCII symbols only ([ok], [no], ->): for consoles whose fonts lack ✓ ✗ ★ (automatic when TERM=linux).")
    var ascii = false
}

import Foundation
import Testing
import Yams
@testable import LocalOfferCore

/// The council officer's workflow on real material: our feed through the validator's replay, our
/// feed coming back, real directories placed and kept, drafts hidden until reviewed, edits kept.
@Suite struct ORUKFeedTests {
    /// A Python with `jsonschema` and `referencing` (the replay needs both), or nil.
    static let replayPython: String? = {
        for p in ["/usr/bin/python3", "/usr/local/bin/python3", NSHomeDirectory() + "/.pyenv/shims/python3", "/root/.pyenv/shims/python3"]
        where FileManager.default.isExecutableFile(atPath: p) {
            if ORUKFixtures.run([p, "-c", "import jsonschema, referencing"]).status == 0 { return p }
        }
        return nil
    }()

    static func tree(_ dir: URL) -> [String: Data] {
        var out: [String: Data] = [:]
        let e = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil)
        while let u = e?.nextObject() as? URL {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: u.path, isDirectory: &isDir), !isDir.boolValue else { continue }
            out[String(u.path.dropFirst(dir.path.count))] = try? Data(contentsOf: u)
        }
        return out
    }

    @Test func exportImportExportIsByteIdenticalAndAddsNoFiles() throws {
        let dir = try ORUKFixtures.contentCopy()
        let before = Self.tree(dir)
        let a = ORUKFixtures.temp("rt-a"), b = ORUKFixtures.temp("rt-b")
        try ORUKExport.write(try ORUKExport.files(ORUKFixtures.load(dir).content), to: a)
        let (report, drafts) = ORUKFixtures.importFile(a.appendingPathComponent("services.json"), into: dir)
        #expect(report.ok, "\(report.errors.prefix(3))")
        #expect(drafts.isEmpty && report.ours == ORUKExported.services(ORUKFixtures.load(dir).content).count)
        #expect(Self.tree(dir) == before, "the content folder is unchanged: no new file, no changed byte")
        try ORUKExport.write(try ORUKExport.files(ORUKFixtures.load(dir).content), to: b)
        #expect(Self.tree(a) == Self.tree(b))
    }

    // The validator's replay (all nine endpoints) runs in .ci/run after `swift test`
    // (Tests/ORUKFixtures/replay/ci-replay.sh): started from inside the test process its server
    // kept the suite waiting, so it runs where nothing else shares its descriptors.

    @Test func oneOrganisationPerProviderAndEveryServiceHasOne() throws {
        let services = ORUKExported.services(Fixtures.shippedResult.content)
        var names: [String: String] = [:]
        for s in services {
            let id = try #require(s["organization_id"] as? String)
            let name = try #require((s["organization"] as? [String: Any])?["name"] as? String)
            if let earlier = names[id] { #expect(earlier == name, "one spelling per organisation") }
            names[id] = name
        }
        #expect(names.values.filter { $0.hasPrefix("Achieving for Children") }.count == 1, "\(names.values.sorted())")
    }

    /// Real directories from elsewhere: nearly all kept, every link address kept, ages and providers
    /// read, and not one offered to a family in Richmond or Kingston.
    @Test(arguments: [("bristol-placecube-oruk1.json", false), ("bristol-page-with-raw-newlines.json", false), ("buckinghamshire-outpost-page1.json", true)])
    func realDirectoriesImportButAreOfferedInNeitherBorough(_ name: String, _ keep: Bool) throws {
        let dir = try ORUKFixtures.contentCopy()
        let file = ORUKFixtures.real.appendingPathComponent(name)
        // Raw line breaks inside strings (one real page has them) are spaces to Foundation's reader here.
        let raw = Data(String(decoding: try Data(contentsOf: file), as: UTF8.self)
            .replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\t", with: " ").utf8)
        let json = try JSONSerialization.jsonObject(with: raw, options: [.fragmentsAllowed]) as Any
        let records: [[String: Any]] = (json as? [[String: Any]]) ?? ((json as? [String: Any])?["content"] as? [[String: Any]]) ?? []
        #expect(!records.isEmpty)
        var options = ORUKImport.Options(label: name, today: Fixtures.today, keepOutOfArea: keep)
        options.feedURL = nil
        let (report, drafts) = ORUKImport.run(file: file, into: dir, options: options)
        #expect(!report.failed)
        #expect(Double(drafts.count) >= 0.98 * Double(records.count), "\(drafts.count) of \(records.count): \(report.errors.prefix(5))")
        let loaded = ORUKFixtures.load(dir)
        #expect(loaded.isValid, "\(loaded.errors.prefix(5))")
        var linksSeen = 0, linksKept = 0, agesRead = 0, agesGiven = 0, providersGiven = 0, providersRead = 0
        let byOruk = Dictionary(drafts.map { ($0.orukId, $0.id) }, uniquingKeysWith: { a, _ in a })
        for r in records {
            let oid = (r["id"] as? String) ?? (r["id"] as? NSNumber)?.stringValue ?? ""
            guard let id = byOruk[oid], let e = loaded.content.entry(id) else { continue }
            #expect(e.offeredIn.isEmpty, "\(id) is offered in \(e.offeredIn)")
            #expect(e.draft)
            let desc = r["description"] as? String ?? ""
            for href in Self.hrefs(desc) {
                linksSeen += 1
                let bare = href.hasPrefix("mailto:") ? String(href.dropFirst(7)) : href
                let trimmed = bare.hasSuffix("/") ? String(bare.dropLast()) : bare
                if e.description.contains(trimmed) { linksKept += 1 }
            }
            if r["min_age"] is NSNumber || r["minimum_age"] is NSNumber {
                agesGiven += 1
                if e.ages != 0...25 || (r["min_age"] as? Int == 0 && r["max_age"] as? Int ?? 99 >= 25) { agesRead += 1 }
            }
            let org = (r["organization"] as? [String: Any] ?? r["organisation"] as? [String: Any])?["name"] as? String
            if let org, !org.trimmingCharacters(in: .whitespaces).isEmpty {
                providersGiven += 1
                if e.description.contains("Provided by: ") { providersRead += 1 }
            }
        }
        #expect(Double(linksKept) >= 0.98 * Double(linksSeen), "\(linksKept) of \(linksSeen) link addresses kept")
        #expect(agesRead == agesGiven, "\(agesRead) of \(agesGiven) ages read")
        #expect(providersRead == providersGiven, "\(providersRead) of \(providersGiven) providers read")
        // And families never see them: the published content holds none of them.
        let published = ContentLoader.load(from: dir, today: Fixtures.today)
        #expect(published.content.entries.filter(\.draft).isEmpty)
        #expect(published.content.entries.count == Fixtures.shippedResult.content.entries.count)
    }

    /// http(s), mailto and tel addresses of `<a href>`, as the directory wrote them.
    static func hrefs(_ html: String) -> [String] {
        var out: [String] = []
        var rest = Substring(html)
        while let r = rest.range(of: " href=\"") {
            rest = rest[r.upperBound...]
            let v = String(rest.prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&").trimmingCharacters(in: .whitespaces)
            let l = v.lowercased()
            if (l.hasPrefix("http://") || l.hasPrefix("https://") || l.hasPrefix("mailto:") || l.hasPrefix("tel:")) && ORUK.isWebAddress(v) || l.hasPrefix("mailto:") || l.hasPrefix("tel:") {
                out.append(v)
            }
        }
        return out
    }

    static func feed(_ json: String) throws -> URL {
        let f = ORUKFixtures.temp("feed").appendingPathComponent("feed.json")
        try Data(json.utf8).write(to: f)
        return f
    }

    @Test func draftsReachNoFamilyUntilReviewed() throws {
        let dir = try ORUKFixtures.contentCopy()
        let f = try Self.feed(#"{"contents": [{"id": "d-1", "name": "Zebra Swimming Club", "status": "active", "service_areas": [{"extent": "E09000027"}]}]}"#)
        let (report, drafts) = ORUKFixtures.importFile(f, into: dir)
        #expect(report.ok)
        let id = try #require(drafts.first?.id)
        let published = ContentLoader.load(from: dir, today: Fixtures.today)
        #expect(published.isValid)
        #expect(published.content.entry(id) == nil, "not in search, list, flows or the navigator")
        #expect(SearchEngine(content: published.content).search("Zebra Swimming", limit: 5).hits.allSatisfy { $0.entry.id != id })
        #expect(!ORUKExported.services(ORUKFixtures.load(dir).content).contains { ($0["name"] as? String) == "Zebra Swimming Club" }, "never exported")
        let editor = ORUKFixtures.load(dir)
        #expect(editor.content.entry(id)?.draft == true)
        #expect(editor.content.entry(id)?.offeredIn == [.richmond])

        #expect(ReviewMark.clear(dir.appendingPathComponent("services/\(id).yaml")) == .cleared)
        #expect(ReviewMark.clear(dir.appendingPathComponent("services/\(id).yaml")) == .notDraft)
        let after = ContentLoader.load(from: dir, today: Fixtures.today)
        #expect(after.isValid)
        #expect(after.content.entry(id)?.title == "Zebra Swimming Club")
        #expect(ORUKExported.services(after.content).contains { ($0["name"] as? String) == "Zebra Swimming Club" })
    }

    @Test func reImportKeepsTheEditorsEditTakesTheFeedsChangesAndListsConflicts() throws {
        let dir = try ORUKFixtures.contentCopy()
        func feed(_ name: String, _ description: String) throws -> URL {
            try Self.feed(#"{"contents": [{"id": "m-1", "name": "\#(name)", "description": "\#(description)", "status": "active", "service_areas": [{"extent": "E09000021"}]}]}"#)
        }
        let (_, d1) = ORUKFixtures.importFile(try feed("Riverside Play", "Play sessions."), into: dir)
        let id = try #require(d1.first?.id)
        let file = dir.appendingPathComponent("services/\(id).yaml")
        // The editor rewrites the summary and publishes the entry.
        var text = try String(contentsOf: file, encoding: .utf8)
        text = text.replacingOccurrences(of: #"summary: "Play sessions.""#, with: #"summary: "Play sessions for disabled children, checked with the provider.""#)
        try text.write(to: file, atomically: true, encoding: .utf8)
        #expect(ReviewMark.clear(file) == .cleared)

        // The feed renames the service: the title follows, the editor's summary stays, and the entry is a draft again.
        let (r2, _) = ORUKFixtures.importFile(try feed("Riverside Play Sessions", "Play sessions."), into: dir)
        #expect(r2.ok)
        var e = try #require(ORUKFixtures.load(dir).content.entry(id))
        #expect(e.title == "Riverside Play Sessions")
        #expect(e.summary == "Play sessions for disabled children, checked with the provider.")
        #expect(e.draft, "a change from the feed is reviewed before families see it")
        #expect(ORUKFixtures.load(dir).isValid)

        // The feed changes the summary the editor changed too: the editor's stays, and the conflict is listed.
        let (r3, _) = ORUKFixtures.importFile(try feed("Riverside Play Sessions", "Play sessions in the summer."), into: dir)
        #expect(r3.problems.contains { $0.severity == .warning && $0.message.contains("both changed") && $0.message.contains("summary") }, "\(r3.problems)")
        e = try #require(ORUKFixtures.load(dir).content.entry(id))
        #expect(e.summary == "Play sessions for disabled children, checked with the provider.")

        // An unchanged feed changes nothing at all.
        let before = try Data(contentsOf: file)
        _ = ORUKFixtures.importFile(try feed("Riverside Play Sessions", "Play sessions in the summer."), into: dir)
        #expect(try Data(contentsOf: file) == before)

        // A record gone from the feed is reported, not deleted.
        let (r4, _) = ORUKFixtures.importFile(try Self.feed(#"{"contents": [{"id": "m-2", "name": "Other", "service_areas": [{"extent": "E09000021"}]}]}"#), into: dir)
        #expect(r4.problems.contains { $0.message.contains("no longer in it") && $0.message.contains(id) }, "\(r4.problems)")
        #expect(FileManager.default.fileExists(atPath: file.path))
    }

    @Test func repairsAreWarningsNamingTheirPathAndOnlyTheUnfixableIsRefused() throws {
        let dir = try ORUKFixtures.contentCopy()
        // A raw newline inside a string, a scheme left off, a trailing dot and a zero-width space.
        let json = "{\"contents\": [{\"id\": \"r-1\", \"name\": \"Line\nBreak Club\", \"url\": \"www.example.org/club\", \"email\": \"club@example.org.\u{200B}\", \"service_areas\": [{\"extent\": \"E09000027\"}]},"
            + "{\"id\": \"r-2\", \"name\": \"Slashes\", \"url\": \"http:www.example.org\"},"
            + "{\"id\": \"r-3\", \"name\": \"Unfixable\", \"url\": \"Warmley Community Centre\"}]}"
        let (report, drafts) = ORUKFixtures.importFile(try Self.feed(json), into: dir)
        let lines = report.problems.map(\.description)
        #expect(lines.contains { $0.hasPrefix("feed.json: contents[0].name: warning: repaired: 1 raw control character") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("feed.json: contents[0].url: warning: repaired: 'https://' added") })
        #expect(lines.contains { $0.hasPrefix("feed.json: contents[0].email: warning: repaired:") })
        #expect(lines.contains { $0.hasPrefix("feed.json: contents[1].url: warning: repaired:") })
        #expect(lines.contains { $0.hasPrefix("feed.json: contents[2].url: error: not a web address") })
        #expect(drafts.count == 2 && report.refused == 1 && !report.ok)
        let first = try #require(drafts.first)
        let e = try #require(ORUKFixtures.load(dir).content.entry(first.id))
        #expect(e.contact?.website == "https://www.example.org/club")
        #expect(e.contact?.email == "club@example.org")
    }

    @Test func outOfRangeNumbersAreOneErrorEachNeverATrap() throws {
        let json = #"{"total_pages": 1e30, "contents": [{"id": "a", "name": "A", "minimum_age": 1e300, "maximum_age": 99999999999999999999999},"#
            + #"{"id": "b", "name": "B", "cost_options": [{"amount": 1e308}]}, {"id": "c", "name": "C", "minimum_age": -1e400},"#
            + #"{"id": 1e999, "name": "D"}, {"id": "e", "name": "E", "maximum_age": "ten"}]}"#
        let options = ORUKImport.Options(label: "n.json", today: Fixtures.today)
        let (value, read) = ORUKImport.parse(data: Data(json.utf8), options: options)
        #expect(!read.failed)
        let report = ORUKImport.convert(try #require(value), options: options, existing: .init()) { _ in }
        let lines = report.problems.filter { $0.severity == .error }.map(\.description)
        #expect(lines.contains("n.json: contents[0].minimum_age: error: '1e300' is out of range (0 to 130)"), "\(lines)")
        #expect(lines.contains { $0.hasPrefix("n.json: contents[0].maximum_age: error:") })
        #expect(lines.contains { $0.hasPrefix("n.json: contents[1].cost_options[0].amount: error:") })
        #expect(lines.contains { $0.hasPrefix("n.json: contents[2].minimum_age: error:") })
        #expect(lines.contains { $0.hasPrefix("n.json: contents[3].id: error:") })
        #expect(lines.contains("n.json: contents[4].maximum_age: error: must be a number, not text"))
        #expect(report.refused == 5)
    }

    @Test func placeIsReadFromCodesPostcodesAndNationalAreasNeverFromNames() throws {
        let postcodes = Fixtures.shippedResult.content.postcodes
        func place(_ areas: String, _ locations: String = "[]") throws -> ORUKPlace.Finding {
            let v = try ORUKFixtures.json(try JSONSerialization.jsonObject(with: Data("{\"a\": \(areas), \"l\": \(locations)}".utf8)))
            return ORUKPlace.find(areas: v["a"]?.array ?? [], locations: v["l"]?.array ?? [], postcodes: postcodes)
        }
        #expect(try place(#"[{"extent": "E09000021"}]"#) == .boroughs([.kingston], how: "its service areas (ONS codes)"))
        #expect(try place(#"[{"name": "Kingston upon Hull"}]"#) == .unknown)
        #expect(try place(#"[{"extent": "E92000001"}]"#) == .national("ONS area E92000001"))
        #expect(try place(#"[{"service_area": "National"}]"#) == .national("area 'National'"))
        #expect(try place("[]", #"[{"postal_code": "TW9 1AA"}]"#) == .boroughs([.richmond], how: "the postcodes of its locations"))
        #expect(try place("[]", #"[{"postal_code": "HP21 7JF"}]"#) == .elsewhere("postcode HP21 7JF"))
        #expect(try place(#"[{"extent": "E06000023"}]"#) == .elsewhere("ONS E06000023"))
        #expect(try place("[]", #"[{"physical_addresses": [{"postal_code": "KT1 1EU"}]}]"#) != .unknown)
    }
}

import Foundation
import Yams

enum EntryDecoder {
    static let fields: Set<String> = [
        "id", "kind", "title", "summary", "description", "category", "need_areas", "ages", "parent_words", "cost",
        "eligibility", "boroughs", "contact", "related", "talking_points", "statutory", "steps", "last_reviewed",
        "sources", "located_in", "draft",
    ]

    static func decode(_ file: YAMLFile, kind: EntryKind, sink: DiagnosticSink, refs: inout ReferenceLog) -> Entry? {
        guard let m = YMap(file.root, file: file.path, sink: sink, context: "") else { return nil }
        m.warnUnknownKeys(fields)
        let idText = m.string("id", required: true)
        let title = m.string("title", required: true)
        let summary = m.string("summary", required: true)
        let description = m.string("description", required: true) ?? ""
        let category = m.string("category", required: true) ?? ""
        if let node = m.value("category") { refs.categories.append((category, m.loc(node))) }

        var needs: [NeedArea] = []
        if let list = m.list("need_areas", required: true) {
            for item in list {
                guard case .scalar(let s) = item else {
                    sink.error(m.loc(item), "each need area must be text")
                    continue
                }
                if let area = NeedArea(rawValue: s.string) { needs.append(area) } else {
                    sink.error(m.loc(item), "unknown need area '\(s.string)' (expected one of: \(NeedArea.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
            }
            if list.isEmpty { sink.error(m.loc(m.value("need_areas")!), "'need_areas' is empty: list at least one need area") }
        }

        var ages: ClosedRange<Int> = validAges
        if let a = m.map("ages", required: true) {
            a.warnUnknownKeys(["from", "to"])
            let from = a.int("from", required: true)
            let to = a.int("to", required: true)
            if let from, let to {
                if !validAges.contains(from) || !validAges.contains(to) {
                    sink.error(a.location, "ages must be whole years from 0 to 25 (got \(from) to \(to))")
                } else if from > to {
                    sink.error(a.location, "ages are reversed: from \(from) is after to \(to)")
                } else {
                    ages = from...to
                }
            }
        }

        let entryId = idText ?? ""
        var eligibility: [Status: StatusRule] = [:]
        if let e = m.map("eligibility", required: kind == .service) {
            eligibility = decodeRules(e, sink: sink, refs: &refs, owner: entryId)
            if kind == .service {
                for status in Status.allCases where eligibility[status] == nil && !e.pairs.contains(where: { $0.key == status.rawValue }) {
                    sink.error(e.anchor ?? e.location, "eligibility has no rule for status '\(status.rawValue)' (say eligible, not-eligible or check, and why)")
                }
            }
        }

        var boroughs: [Borough: BoroughPart] = [:]
        if let b = m.map("boroughs", required: true) {
            for p in b.pairs {
                guard let borough = Borough(rawValue: p.key) else {
                    sink.error(b.loc(p.keyNode), "unknown borough '\(p.key)' (expected richmond or kingston)")
                    continue
                }
                guard let pm = YMap(p.value, file: file.path, sink: sink, context: "boroughs.\(p.key)") else { continue }
                boroughs[borough] = decodePart(pm, sink: sink, refs: &refs, owner: entryId)
            }
            for borough in Borough.allCases where boroughs[borough] == nil && !b.pairs.contains(where: { $0.key == borough.rawValue }) {
                sink.error(b.anchor ?? b.location, "boroughs has no part for '\(borough.rawValue)' (say offered: false, with a reason, if it is not offered there)")
            }
        }

        var talking: TalkingPoints?
        if let t = m.map("talking_points") {
            t.warnUnknownKeys(["ask", "bring", "next"])
            talking = TalkingPoints(ask: t.strings("ask"), bring: t.strings("bring"), next: t.strings("next"))
        }
        var statutory: Statutory?
        if let s = m.map("statutory") {
            s.warnUnknownKeys(["basis", "timescales"])
            statutory = Statutory(basis: s.string("basis"), timescales: s.string("timescales"))
        }
        var steps: [GuideStep] = []
        for node in m.list("steps") ?? [] {
            guard let s = YMap(node, file: file.path, sink: sink, context: "steps") else { continue }
            s.warnUnknownKeys(["title", "text", "entries"])
            let entries = s.located("entries")
            for (id, loc) in entries { refs.add(id, loc, "step of '\(entryId)'") }
            steps.append(GuideStep(title: s.string("title", required: true) ?? "", text: s.string("text") ?? "",
                                   entries: entries.map(\.0)))
        }

        let related = m.located("related")
        for (id, loc) in related { refs.add(id, loc, "related of '\(entryId)'") }

        let lastReviewed = m.string("last_reviewed", required: true) ?? ""
        if let node = m.value("last_reviewed") { refs.dates.append((lastReviewed, m.loc(node))) }
        let sources = m.strings("sources")
        var locatedIn: [Borough] = []
        for (name, loc) in m.located("located_in") {
            if let b = Borough(rawValue: name) { locatedIn.append(b) } else {
                sink.error(loc, "unknown borough '\(name)' in 'located_in' (expected richmond or kingston)")
            }
        }
        if sources.isEmpty {
            sink.warning(m.location, "entry '\(entryId)' has no sources: say where its facts come from")
        }
        for (url, loc) in m.located("sources") where !(url.hasPrefix("http://") || url.hasPrefix("https://")) {
            sink.warning(loc, "source '\(url)' is not a web address")
        }

        if let k = m.string("kind"), EntryKind(rawValue: k) != kind {
            sink.error(m.loc(m.value("kind")!), "kind '\(k)' does not match the folder (\(kind.rawValue)s/)")
        }

        guard let id = idText, let title, let summary else { return nil }
        if let idNode = m.value("id") {
            if !Identifier.isValid(id) {
                sink.error(m.loc(idNode), "id '\(id)' must be lower-case kebab-case (letters, digits and single hyphens)")
            }
            let expected = YAMLFile.stem(file.path)
            if expected != id {
                sink.error(m.loc(idNode), "id '\(id)' does not match the file name '\(expected)': a service lives in <id>.yaml")
            }
        }
        var entry = Entry(id: id, kind: kind, title: title, summary: summary, description: description, category: category,
                     needAreas: needs, ages: ages, parentWords: m.strings("parent_words"), cost: m.string("cost"),
                     eligibility: eligibility, boroughs: boroughs, contact: decodeContact(m.map("contact"), refs: &refs, owner: entryId),
                     related: related.map(\.0), talkingPoints: talking, statutory: statutory, steps: steps,
                     lastReviewed: lastReviewed, sources: sources, locatedIn: locatedIn, location: m.location)
        entry.draft = m.bool("draft") ?? false
        return entry
    }

    static func decodeRules(_ e: YMap, sink: DiagnosticSink, refs: inout ReferenceLog, owner: String) -> [Status: StatusRule] {
        var out: [Status: StatusRule] = [:]
        for p in e.pairs {
            guard let status = Status(rawValue: p.key) else {
                sink.error(e.loc(p.keyNode), "unknown status '\(p.key)' (expected none, sen-support or ehcp)")
                continue
            }
            guard let r = YMap(p.value, file: e.file, sink: sink, context: "\(e.context).\(p.key)") else { continue }
            r.warnUnknownKeys(["verdict", "reason", "instead"])
            let verdictText = r.string("verdict", required: true)
            let reason = r.string("reason", required: true)
            let instead = r.located("instead")
            for (id, loc) in instead { refs.add(id, loc, "'instead' of '\(owner)'") }
            guard let verdictText else { continue }
            guard let verdict = Verdict(rawValue: verdictText) else {
                sink.error(r.loc(r.value("verdict")!), "unknown verdict '\(verdictText)' (expected eligible, not-eligible or check)")
                continue
            }
            guard let reason else { continue }
            out[status] = StatusRule(verdict: verdict, reason: reason, instead: instead.map(\.0))
        }
        return out
    }

    static func decodePart(_ pm: YMap, sink: DiagnosticSink, refs: inout ReferenceLog, owner: String) -> BoroughPart {
        pm.warnUnknownKeys(["offered", "provider", "how_to_get", "routes", "differences", "eligibility", "contact",
                            "reason", "instead", "open_via"])
        let offered = pm.bool("offered") ?? true
        let openVia = pm.string("open_via")
        if let openVia, let node = pm.value("open_via") {
            if offered {
                sink.error(pm.loc(node), "'open_via' is for a borough where it is not offered (offered: false); here it is offered")
            }
            refs.crossBorough.append((openVia, pm.loc(node)))
        }
        let routes = pm.located("routes")
        for (r, loc) in routes { refs.routes.append((r, loc)) }
        let instead = pm.located("instead")
        for (id, loc) in instead { refs.add(id, loc, "'instead' of '\(owner)'") }
        var rules: [Status: StatusRule] = [:]
        if let e = pm.map("eligibility") { rules = decodeRules(e, sink: sink, refs: &refs, owner: owner) }
        let reason = pm.string("reason")
        if !offered && reason == nil {
            sink.error(pm.location, "'\(pm.context)' is not offered: give a 'reason' a family can read (and 'instead' where something else helps)")
        }
        return BoroughPart(offered: offered, provider: pm.string("provider"), howToGet: pm.string("how_to_get"),
                           routes: routes.map(\.0), differences: pm.string("differences"), eligibility: rules,
                           contact: decodeContact(pm.map("contact"), refs: &refs, owner: owner), reason: reason, instead: instead.map(\.0),
                           openVia: openVia)
    }

    static func decodeContact(_ c: YMap?, refs: inout ReferenceLog, owner: String) -> Contact? {
        guard let c else { return nil }
        c.warnUnknownKeys(["website", "phone", "email", "address", "web_form", "ask_instead"])
        let askInstead = c.string("ask_instead")
        if let askInstead, let node = c.value("ask_instead") {
            refs.add(askInstead, c.loc(node), "'ask_instead' of '\(owner)'")
        }
        for key in ["website", "web_form"] {
            if let url = c.string(key), let node = c.value(key), !(url.hasPrefix("https://") || url.hasPrefix("http://")) {
                c.sink.error(c.loc(node), "'\(key)' must be a web address starting https:// (got '\(url)')")
            }
        }
        if let email = c.string("email"), let node = c.value("email"),
           !email.contains("@") {
            c.sink.error(c.loc(node), "'email' '\(email)' is not an email address")
        }
        if let phone = c.string("phone"), let node = c.value("phone"), !phone.contains(where: \.isNumber) {
            c.sink.error(c.loc(node), "'phone' '\(phone)' has no digits: write the number the source gives")
        }
        let contact = Contact(website: c.string("website"), phone: c.string("phone"), email: c.string("email"),
                              address: c.string("address"), webForm: c.string("web_form"), askInstead: askInstead)
        return contact.isEmpty ? nil : contact
    }
}

public enum Identifier {
    /// Lower-case kebab-case: `speech-and-language-therapy`.
    /// By bytes: a-z, 0-9 and single hyphens inside, one pass (it runs once an entry, and once a
    /// reference, 100,000 times and more in an imported directory).
    public static func isValid(_ id: String) -> Bool {
        guard let first = id.utf8.first, first != 0x2D, id.utf8.last != 0x2D else { return false }
        var previous: UInt8 = 0
        for b in id.utf8 {
            switch b {
            case 0x61...0x7A, 0x30...0x39: break
            case 0x2D where previous != 0x2D: break
            default: return false
            }
            previous = b
        }
        return true
    }
}

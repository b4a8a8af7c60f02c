import Foundation


/// `localoffer export --oruk DIR`: the Local Offer as a static ORUK 3.0 feed. One ORUK service per
/// entry per borough where it is offered, because provider, route and who can use it differ by borough.
/// Guides are left out: they explain processes, they are not services anyone can be referred to.
public enum ORUKExport {
    static func serviceId(entry: String, borough: Borough) -> String {
        UUIDv5.string("\(entry)/\(borough.rawValue)")
    }

    /// What an export wrote.
    public struct Summary: Sendable { public var services = 0; public var entries = 0 }

    /// Every file of the feed, by path relative to DIR: the nine endpoints of the 3.0 spec as static
    /// files (`/X` is `X.json`, `/X/ID` is `X/ID.json`; the README gives the web server's rewrite rule).
    /// Each service is made, written to its own file and to the page, and let go: the feed is never
    /// held whole, so 100,000 services take the memory of one.
    @discardableResult
    public static func export<S: FeedSink>(_ content: Content, to sink: inout S) throws -> Summary {
        let orgs = Organizations(content)
        let entries = content.entries.filter { $0.kind == .service && !$0.draft }.sorted { $0.id < $1.id }
        var count = 0
        for e in entries { for b in Borough.allCases where e.boroughs[b]?.offered == true { count += 1 } }
        try sink.put("index.json", JSONOut.object([("openapi_url", .string(ORUK.openAPI)), ("profile", .string(ORUK.profile)),
                                                     ("version", .string(ORUK.version))]).document)
        // The page's own fields are known before its contents (the count is), so they go first.
        try sink.begin("services.json")
        try sink.append(pageOpen(count: count))
        var slots: [(entry: Int, borough: Borough)] = []
        slots.reserveCapacity(count)
        for (i, e) in entries.enumerated() { for b in Borough.allCases where e.boroughs[b]?.offered == true { slots.append((i, b)) } }
        var salIds: [(String, String)] = []
        salIds.reserveCapacity(count)
        // Made on every core, a batch at a time (so only a batch is ever held), and written here in
        // feed order: the bytes are those of one service after another on one core.
        var start = 0
        while start < slots.count {
            let batch = Array(slots[start..<min(start + exportBatch, slots.count)])
            let made = parallelMap(batch, { slot in
                make(entries[slot.entry], borough: slot.borough, in: content, organizations: orgs)
            }, minimum: 2)
            for (k, m) in made.enumerated() {
                try sink.append(start + k == 0 ? m.item : [0x2C, 0x0A] + m.item)
                try sink.put("services/\(m.id).json", m.document)
                try sink.put("service_at_locations/\(m.salId).json", m.salDocument)
                salIds.append((m.salId, m.id))
            }
            start += batch.count
        }
        try sink.append(pageClose(count: count))
        try sink.end()
        // The service_at_locations page: short items, rebuilt from the ids kept (two strings a service).
        try sink.begin("service_at_locations.json")
        try sink.append(pageOpen(count: salIds.count))
        for (k, (salId, id)) in salIds.enumerated() {
            var item: [UInt8] = k == 0 ? [] : [0x2C, 0x0A]
            JSONOut.indent(2, &item)
            JSONOut.object([("id", .string(salId)), ("service_id", .string(id))]).write(into: &item, level: 2)
            try sink.append(item)
        }
        try sink.append(pageClose(count: salIds.count))
        try sink.end()
        let taxonomies = ORUK.taxonomies
        try sink.put("taxonomies.json", ORUK.page(taxonomies).document)
        for t in taxonomies { if let id = t["id"]?.string { try sink.put("taxonomies/\(id).json", t.document) } }
        let terms = ORUK.statusTerms + NeedArea.allCases.map(ORUK.needTerm)
        try sink.put("taxonomy_terms.json", ORUK.page(terms).document)
        for t in terms { if let id = t["id"]?.string { try sink.put("taxonomy_terms/\(id).json", t.document) } }
        return Summary(services: count, entries: entries.count)
    }

    /// Services made at once on the cores: a few hundred keeps both busy and holds a few megabytes.
    static let exportBatch = 512

    /// One service's bytes: its item in the page, its own document, and its service_at_location's.
    struct Made {
        var id: String
        var item: [UInt8]
        var document: [UInt8]
        var salId: String
        var salDocument: [UInt8]
    }

    static func make(_ e: Entry, borough b: Borough, in content: Content, organizations: Organizations) -> Made {
        let s = service(e, borough: b, in: content, organizations: organizations)
        let id = serviceId(entry: e.id, borough: b)
        var item: [UInt8] = []
        JSONOut.indent(2, &item)
        s.write(into: &item, level: 2)
        let sal = serviceAtLocation(s, serviceId: id)
        return Made(id: id, item: item, document: s.document, salId: sal.id, salDocument: sal.document.document)
    }

    /// `export --oruk DIR`: streamed into the folder, the old feed replaced file by file.
    @discardableResult
    public static func export(_ content: Content, to dir: URL) throws -> Summary {
        var sink = try FolderFeed(dir)
        let summary = try export(content, to: &sink)
        sink.finish()
        return summary
    }

    /// The whole feed in memory (tests compare two exports file by file).
    public static func files(_ content: Content) throws -> [String: Data] {
        var sink = MemoryFeed()
        try export(content, to: &sink)
        return sink.files
    }

    /// Files made in memory, written the way `export` writes them.
    public static func write(_ files: [String: Data], to dir: URL) throws {
        let sink = try FolderFeed(dir)
        for path in files.keys.sorted() { if let d = files[path] { try sink.put(path, [UInt8](d)) } }
        sink.finish()
    }

    /// `{`, then `"contents" : [` opened: the old sorted layout put `contents` first, its page
    /// fields after, and that layout is kept (a re-export of unchanged content is byte-identical).
    static func pageOpen(count: Int) -> [UInt8] {
        count == 0 ? Array("{\n  \"contents\" : [".utf8) : Array("{\n  \"contents\" : [\n".utf8)
    }

    static func pageClose(count: Int) -> [UInt8] {
        var out: [UInt8] = count == 0 ? Array("],\n".utf8) : Array("\n  ],\n".utf8)
        for (k, m) in ORUK.pageHead(count: count).enumerated() {
            if k > 0 { out += [0x2C, 0x0A] }
            JSONOut.indent(1, &out)
            JSONOut.writeString(m.0, into: &out)
            out += JSONOut.colon
            m.1.write(into: &out, level: 1)
        }
        out += Array("\n}\n".utf8)
        return out
    }

    /// Our services are offered across a borough; where the content gives an address, the
    /// service's location is that address. The spec points /service_at_locations/{id} at the
    /// service schema, so that document carries the service's fields.
    static func serviceAtLocation(_ s: JSONOut, serviceId id: String) -> (id: String, document: JSONOut) {
        let salId = UUIDv5.string("service_at_location/\(id)")
        var m: [(String, JSONOut)] = []
        if let d = s["description"] { m.append(("description", d)) }
        m.append(("id", .string(salId)))
        if let l = s["service_at_locations"].flatMap({ v -> JSONOut? in if case .array(let a) = v { return a.first?["location"] } else { return nil } }) {
            m.append(("location", l))
            if let lid = l["id"] { m.append(("location_id", lid)) }
        }
        if let n = s["name"] { m.append(("name", n)) }
        if let n = s["name"], let st = s["status"] { m.append(("service", .object([("id", .string(id)), ("name", n), ("status", st)]))) }
        m.append(("service_id", .string(id)))
        if let st = s["status"] { m.append(("status", st)) }
        return (salId, .object(m))
    }

    /// One organisation per provider: the provider's name is its text up to the first note ("(", ";",
    /// ",", " with "), and a name that begins with another provider's name is that provider (so
    /// "Achieving for Children (AfC) Portage service" and "Achieving for Children, Disabled Children's
    /// Team" are one organisation). The id comes from the folded name, so it is stable. A service whose
    /// provider is not confirmed belongs to the feed's publisher, the Local Offer itself.
    struct Organizations {
        static let publisher = "Richmond upon Thames and Kingston upon Thames SEND Local Offer"
        var byProvider: [String: (id: String, name: String)] = [:]

        static func lead(_ provider: String) -> String {
            var s = Substring(provider.trimmed)
            for sep in [" (", ";", ",", " with ", " - ", " – ", " / ", ":"] {
                if let r = s.range(of: sep) { s = s[..<r.lowerBound] }
            }
            return s.trimmingCharacters(in: .whitespaces)
        }
        static func fold(_ s: String) -> String {
            String(s.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
        }
        static func confirmed(_ p: String) -> Bool {
            let l = p.lowercased()
            return !l.hasPrefix("not confirmed") && !l.hasPrefix("provider not confirmed") && !p.trimmed.isEmpty
        }

        init(_ content: Content) {
            var providers = Set<String>()
            for e in content.entries where e.kind == .service {
                for b in Borough.allCases { if let p = e.boroughs[b]?.provider, Self.confirmed(p) { providers.insert(p) } }
            }
            var leads: [String: [String: Int]] = [:]  // folded lead → spellings → count
            for p in providers {
                let l = Self.lead(p)
                guard !l.isEmpty else { continue }
                leads[Self.fold(l), default: [:]][l, default: 0] += 1
            }
            // Shortest first, so a longer name finds the organisation it begins with.
            let keys = leads.keys.sorted { $0.count != $1.count ? $0.count < $1.count : $0 < $1 }
            var canonical: [String: String] = [:]  // folded lead → folded organisation
            // Each name's prefixes looked up, not every other name compared: linear in the providers.
            for k in keys {
                let chars = Array(k)
                var found = k
                if chars.count > 6 {
                    for n in 6..<chars.count {
                        let prefix = String(chars[..<n])
                        if canonical[prefix] == prefix { found = prefix; break }
                    }
                }
                canonical[k] = found
            }
            for p in providers {
                let l = Self.lead(p)
                guard !l.isEmpty, let org = canonical[Self.fold(l)], let spellings = leads[org] else { continue }
                // One spelling: the most used, then the first in order.
                let name = spellings.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.first?.key ?? l
                byProvider[p] = (UUIDv5.string("organization/\(org)"), name)
            }
        }

        func organization(_ provider: String?) -> (id: String, name: String) {
            if let provider, let o = byProvider[provider] { return o }
            return (UUIDv5.string("organization/publisher"), Self.publisher)
        }
    }

    /// Every exported service, in feed order (tests look at them; `export` streams them instead).
    public static func services(_ content: Content) -> [JSONOut] {
        let orgs = Organizations(content)
        var out: [JSONOut] = []
        for e in content.entries.sorted(by: { $0.id < $1.id }) where e.kind == .service && !e.draft {
            for b in Borough.allCases where e.boroughs[b]?.offered == true {
                out.append(service(e, borough: b, in: content, organizations: orgs))
            }
        }
        return out
    }

    /// One service. Keys in a fixed order (alphabetical, as the feeds published so far).
    static func service(_ e: Entry, borough b: Borough, in content: Content, organizations: Organizations) -> JSONOut {
        let id = serviceId(entry: e.id, borough: b)
        let part = e.boroughs[b] ?? BoroughPart()
        var s: [(String, JSONOut)] = []
        if ISODate.parse(e.lastReviewed) != nil { s.append(("assured_date", .string(e.lastReviewed))) }

        var attributes: [JSONOut] = []
        for st in Status.allCases {
            // Any age the service takes: only the status is in question here.
            let verdict = EligibilityEngine.verdict(e, borough: b, age: e.ages.lowerBound, status: st)
            guard verdict != .notEligible else { continue }
            let term = ORUK.statusTerm(st, check: verdict == .check)
            let code = term["term"]?.string ?? st.rawValue
            attributes.append(attribute(id: UUIDv5.string("\(e.id)/\(b.rawValue)/attribute/\(ORUK.senStatusTaxonomy)/\(code)"),
                                        link: id, type: "eligibility", term: term))
        }
        for a in NeedArea.allCases where e.needAreas.contains(a) {
            attributes.append(attribute(id: UUIDv5.string("\(e.id)/\(b.rawValue)/attribute/\(ORUK.needAreaTaxonomy)/\(a.rawValue)"),
                                        link: id, type: "audience", term: ORUK.needTerm(a)))
        }
        if !attributes.isEmpty { s.append(("attributes", .array(attributes))) }

        if let cost = e.cost, !cost.trimmed.isEmpty {
            var option: [(String, JSONOut)] = []
            // Only a plain "Free" is a sure amount; any other text stays words (a guess at a price is worse than none).
            if cost.lowercased().hasPrefix("free") { option.append(("amount", .int(0))) }
            option += [("amount_description", .string(cost)), ("id", .string(UUIDv5.string("\(e.id)/\(b.rawValue)/cost"))), ("service_id", .string(id))]
            s.append(("cost_options", .array([.object(option)])))
        }
        s.append(("description", .string(description(e, borough: b, in: content))))

        // The borough's contact first, then the shared one; only what the content states.
        let contacts = [part.contact, e.contact].compactMap { $0 }
        if let email = contacts.compactMap({ $0.email.flatMap(firstEmail) }).first { s.append(("email", .string(email))) }
        s += [("id", .string(id)), ("maximum_age", .int(e.ages.upperBound)), ("minimum_age", .int(e.ages.lowerBound)), ("name", .string(e.title))]

        // Every service has its organisation (the compliance page asks for organization_id).
        let org = organizations.organization(part.provider)
        s.append(("organization", .object([
            ("description", .string(org.name == Organizations.publisher
                ? "Publishes this directory. The Local Offer does not confirm who provides this service: ask SENDIASS."
                : "Provides services listed in the Local Offer of Richmond upon Thames and Kingston upon Thames.")),
            ("id", .string(org.id)), ("name", .string(org.name)),
        ])))
        s.append(("organization_id", .string(org.id)))

        if let raw = contacts.compactMap(\.phone).first, let phone = ContactMapping.phone(raw) {
            var p: [(String, JSONOut)] = []
            if let d = phone.description { p.append(("description", .string(d))) }
            p += [("id", .string(UUIDv5.string("\(e.id)/\(b.rawValue)/phone"))), ("number", .string(phone.number)), ("service_id", .string(id))]
            s.append(("phones", .array([.object(p)])))
        }

        s.append(("service_areas", .array([.object([
            ("extent", .string(ORUK.onsCode(b))), ("extent_type", .string("ons_gss")),
            ("id", .string(UUIDv5.string("\(e.id)/\(b.rawValue)/area"))), ("name", .string(b.fullName)),
            ("service_area", .string(b.fullName)), ("service_id", .string(id)),
            ("uri", .string("http://statistics.data.gov.uk/id/statistical-geography/\(ORUK.onsCode(b))")),
        ])])))

        // Where the content gives an address: the service's location, named by that address as written.
        if let address = contacts.compactMap(\.address).first.map({ $0.trimmed }), !address.isEmpty {
            let locationId = UUIDv5.string("\(e.id)/\(b.rawValue)/location")
            // Not split into an ORUK address: that needs a county (`state_province`) the content does
            // not give, and an empty one fails the compliance checks. The text is kept whole.
            var location: [(String, JSONOut)] = []
            location += [("id", .string(locationId)), ("location_type", .string("physical")), ("name", .string(address))]
            s.append(("service_at_locations", .array([.object([
                ("id", .string(UUIDv5.string("service_at_location/\(id)"))), ("location", .object(location)),
                ("location_id", .string(locationId)), ("service_id", .string(id)),
            ])])))
        }
        s.append(("status", .string("active")))
        if let url = contacts.compactMap(\.website).first(where: ORUK.isWebAddress) { s.append(("url", .string(url))) }
        return .object(s)
    }

    static func attribute(id: String, link: String, type: String, term: JSONOut) -> JSONOut {
        .object([("id", .string(id)), ("link_id", .string(link)), ("link_type", .string(type)),
                 ("taxonomy_term", term), ("taxonomy_term_id", term["id"] ?? .string(""))])
    }

    static func firstEmail(_ text: String) -> String? {
        text.split(whereSeparator: { $0.isWhitespace }).map(String.init).first(where: ORUK.isEmail)
    }

    /// Plain text: what the entry says, then what holds in this borough, who can use it and why, and
    /// how the other borough differs. ORUK has no eligibility entity, so the reasons live here.
    static func description(_ e: Entry, borough b: Borough, in content: Content) -> String {
        var paras: [String] = [e.summary.trimmed, e.description.trimmed].filter { !$0.isEmpty }
        let part = e.boroughs[b] ?? BoroughPart()
        var here: [String] = []
        if let p = part.provider { here.append("Provided by: \(p.trimmed)") }
        if let h = part.howToGet { here.append("How to get it: \(h.trimmed)") }
        if !part.routes.isEmpty { here.append("Ways in: " + part.routes.map(content.routeLabel).joined(separator: "; ") + ".") }
        if let d = part.differences { here.append(d.trimmed) }
        if !here.isEmpty { paras.append("In \(b.fullName):\n" + here.joined(separator: "\n")) }

        var who = ["Who can use it in \(b.fullName) (ages \(e.ages.lowerBound) to \(e.ages.upperBound)):"]
        for st in Status.allCases {
            let v = content.eligibility(of: e, borough: b, age: e.ages.lowerBound, status: st)
            let word: String
            switch v.verdict {
            case .eligible: word = "yes"
            case .notEligible: word = "no"
            case .check: word = "it depends"
            }
            who.append("- \(st.label.prefix(1).uppercased() + st.label.dropFirst()): \(word). \(v.reason.trimmed)")
        }
        paras.append(who.joined(separator: "\n"))

        for other in Borough.allCases where other != b {
            guard let o = e.boroughs[other] else { continue }
            if !o.offered {
                var t = "Not offered in \(other.fullName)."
                if let r = o.reason { t += " " + r.trimmed }
                if !o.instead.isEmpty { t += " Instead: " + o.instead.map(content.title(of:)).joined(separator: ", ") + "." }
                paras.append(t)
            } else if o != part {
                var t = "Also offered in \(other.fullName), differently"
                t += o.provider.map { " (provided by \($0.trimmed))" } ?? ""
                t += ": see its own listing."
                paras.append(t)
            }
        }
        if let c = e.cost { paras.append("Cost: \(c.trimmed)") }
        return paras.joined(separator: "\n\n")
    }
}

/// Whole files or nothing: write beside the target under a hidden temporary name, then rename.

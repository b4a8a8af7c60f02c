import Foundation

/// Open Referral UK (HSDS-UK 3.0): the fixed names of the standard and of our two published taxonomies.
public enum ORUK {
    public static let version = "HSDS-UK-3.0"
    public static let profile = "https://github.com/OpenReferralUK/uk-profile/blob/main/docs/index.md"
    /// The 3.0 OpenAPI document the validator reads: `public/specifications/3.0/openapi.json` of the
    /// openreferraluk.org site (tpximpact/mhclg-oruk), served from the site's root.
    public static let openAPI = "https://openreferraluk.org/specifications/3.0/openapi.json"

    /// ONS GSS codes of the two boroughs (the codes are national statistics, not content).
    public static func onsCode(_ b: Borough) -> String {
        switch b {
        case .richmond: return "E09000027"
        case .kingston: return "E09000021"
        }
    }
    public static func borough(onsCode: String) -> Borough? {
        Borough.allCases.first { ORUK.onsCode($0) == onsCode }
    }

    public static let senStatusTaxonomy = "localoffer-sen-status"
    public static let needAreaTaxonomy = "localoffer-send-need-area"

    static func taxonomyId(_ name: String) -> String { UUIDv5.string("taxonomy/\(name)") }
    static func termId(_ taxonomy: String, _ code: String) -> String { UUIDv5.string("taxonomy/\(taxonomy)/\(code)") }

    static func statusTermDescription(_ s: Status) -> String {
        switch s {
        case .none: return "Children and young people with no identified special educational needs (SEN) can use this service."
        case .senSupport: return "Children and young people at SEN Support (help from their school or setting, without an EHC plan) can use this service."
        case .ehcp: return "Children and young people with an Education, Health and Care (EHC) plan can use this service."
        }
    }

    static func needTermDescription(_ a: NeedArea) -> String {
        "For the SEND Code of Practice broad area of need: \(a.label.lowercased())."
    }

    /// The plain term (`ehcp`) means open to that status; the `-check` term (`ehcp-check`) means it
    /// depends, the description saying on what. They are siblings, not parent and child, so a reader
    /// that filters by the plain term never gets a service that is only "it depends".
    static func statusTerm(_ s: Status, check: Bool = false) -> [String: Any] {
        let code = check ? s.rawValue + "-check" : s.rawValue
        let name = check ? "\(s.label.prefix(1).uppercased() + s.label.dropFirst()): it depends" : s.label
        let description = check
            ? "Whether children and young people with \(s == .none ? "no identified SEN" : s == .senSupport ? "SEN Support" : "an EHC plan") can use this service depends on more than that: the service's description says on what. Ask the service or SENDIASS."
            : statusTermDescription(s)
        return ["id": termId(senStatusTaxonomy, code), "name": name, "term": code,
                "description": description, "taxonomy": senStatusTaxonomy,
                "taxonomy_id": taxonomyId(senStatusTaxonomy)]
    }

    static var statusTerms: [[String: Any]] {
        Status.allCases.map { statusTerm($0) } + Status.allCases.map { statusTerm($0, check: true) }
    }

    static func needTerm(_ a: NeedArea) -> [String: Any] {
        ["id": termId(needAreaTaxonomy, a.rawValue), "name": a.label, "term": a.rawValue,
         "description": needTermDescription(a), "taxonomy": needAreaTaxonomy,
         "taxonomy_id": taxonomyId(needAreaTaxonomy)]
    }

    static var taxonomies: [[String: Any]] { [
        ["id": taxonomyId(senStatusTaxonomy), "name": senStatusTaxonomy, "version": "1",
         "description": "Special educational needs (SEN) status: whether a service is open to children with no identified SEN, at SEN Support, or with an EHC plan. A service is tagged with a status (none, sen-support, ehcp) only where it is open to that status, and with the status's '-check' term where it depends on more (the description says on what).",
         "taxonomy_terms": statusTerms],
        ["id": taxonomyId(needAreaTaxonomy), "name": needAreaTaxonomy, "version": "1",
         "description": "The four broad areas of need of the SEND Code of Practice (2015, 6.28 to 6.35) a service is meant for.",
         "taxonomy_terms": NeedArea.allCases.map(needTerm)],
    ] }

    /// A `/services`-shaped page holding every item: a static feed has one page.
    static func page(_ items: [Any]) -> [String: Any] {
        ["total_items": items.count, "total_pages": 1, "page_number": 1, "size": items.count,
         "first_page": true, "last_page": true, "empty": items.isEmpty, "contents": items]
    }

    static func isWebAddress(_ s: String) -> Bool {
        guard !s.contains(where: { $0.isWhitespace }), let u = URL(string: s), let scheme = u.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = u.host, host.contains(".") else { return false }
        return true
    }

    static func isEmail(_ s: String) -> Bool {
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              s.count <= 254 else { return false }
        return s.unicodeScalars.allSatisfy { $0.isASCII && $0.value > 0x20 && $0 != "," && $0 != ";" && $0 != "<" && $0 != ">" }
    }

    /// Deterministic JSON: sorted keys, no escaped slashes, one trailing newline.
    static func json(_ value: Any) throws -> Data {
        var data = try JSONSerialization.data(withJSONObject: value, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        data.append(0x0A)
        return data
    }
}

/// `localoffer export --oruk DIR`: the Local Offer as a static ORUK 3.0 feed. One ORUK service per
/// entry per borough where it is offered, because provider, route and who can use it differ by borough.
/// Guides are left out: they explain processes, they are not services anyone can be referred to.
public enum ORUKExport {
    public static func serviceId(entry: String, borough: Borough) -> String {
        UUIDv5.string("\(entry)/\(borough.rawValue)")
    }

    /// Every file of the feed, by path relative to DIR: the nine endpoints of the 3.0 spec as static
    /// files (`/X` is `X.json`, `/X/ID` is `X/ID.json`; the README gives the web server's rewrite rule).
    public static func files(_ content: Content) throws -> [String: Data] {
        let orgs = Organizations(content)
        let services = services(content, organizations: orgs)
        var out: [String: Data] = [:]
        out["index.json"] = try ORUK.json(["version": ORUK.version, "profile": ORUK.profile, "openapi_url": ORUK.openAPI])
        out["services.json"] = try ORUK.json(ORUK.page(services))
        var atLocations: [[String: Any]] = []
        for s in services {
            guard let id = s["id"] as? String else { continue }
            out["services/\(id).json"] = try ORUK.json(s)
            // Our services are offered across a borough, not at an address we could state: each one's
            // service_at_location names the service and no location. The spec points
            // /service_at_locations/{id} at the service schema, so that document carries the service's fields.
            let salId = UUIDv5.string("service_at_location/\(id)")
            var sal: [String: Any] = ["id": salId, "service_id": id]
            atLocations.append(sal)
            for k in ["name", "status", "description"] { sal[k] = s[k] }
            if let n = s["name"] as? String, let st = s["status"] as? String { sal["service"] = ["id": id, "name": n, "status": st] }
            out["service_at_locations/\(salId).json"] = try ORUK.json(sal)
        }
        out["service_at_locations.json"] = try ORUK.json(ORUK.page(atLocations))
        let taxonomies = ORUK.taxonomies
        out["taxonomies.json"] = try ORUK.json(ORUK.page(taxonomies))
        for t in taxonomies { if let id = t["id"] as? String { out["taxonomies/\(id).json"] = try ORUK.json(t) } }
        let terms = ORUK.statusTerms + NeedArea.allCases.map(ORUK.needTerm)
        out["taxonomy_terms.json"] = try ORUK.json(ORUK.page(terms))
        for t in terms { if let id = t["id"] as? String { out["taxonomy_terms/\(id).json"] = try ORUK.json(t) } }
        return out
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
            for k in keys {
                canonical[k] = keys.first { $0.count >= 6 && $0.count < k.count && k.hasPrefix($0) && canonical[$0] == $0 } ?? k
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

    /// Writes the feed. Each file goes to a temporary name in its folder and is renamed into place,
    /// so a web server never serves half a file; services of entries since removed are deleted, so
    /// the feed never keeps a ghost.
    public static func write(_ files: [String: Data], to dir: URL) throws {
        let fm = FileManager.default
        let folders = ["services", "service_at_locations", "taxonomies", "taxonomy_terms"]
        for f in folders { try fm.createDirectory(at: dir.appendingPathComponent(f), withIntermediateDirectories: true) }
        for path in files.keys.sorted() {
            guard let data = files[path] else { continue }
            // Unchanged files are left alone, so a web server's caches and a re-export's mtimes stay.
            let url = dir.appendingPathComponent(path)
            if let old = try? Data(contentsOf: url), old == data { continue }
            try AtomicFile.write(data, to: url)
        }
        for f in folders {
            let sub = dir.appendingPathComponent(f)
            let keep = Set(files.keys.filter { $0.hasPrefix(f + "/") }.map { String($0.dropFirst(f.count + 1)) })
            for name in (try? fm.contentsOfDirectory(atPath: sub.path)) ?? []
            where name.hasSuffix(".json") && !keep.contains(name) && UUID(uuidString: String(name.dropLast(5))) != nil {
                try? fm.removeItem(at: sub.appendingPathComponent(name))
            }
        }
    }

    public static func services(_ content: Content) -> [[String: Any]] {
        services(content, organizations: Organizations(content))
    }

    static func services(_ content: Content, organizations: Organizations) -> [[String: Any]] {
        var out: [[String: Any]] = []
        for e in content.entries.sorted(by: { $0.id < $1.id }) where e.kind == .service && !e.draft {
            for b in Borough.allCases where e.boroughs[b]?.offered == true {
                out.append(service(e, borough: b, in: content, organizations: organizations))
            }
        }
        return out
    }

    static func service(_ e: Entry, borough b: Borough, in content: Content, organizations: Organizations) -> [String: Any] {
        let id = serviceId(entry: e.id, borough: b)
        let part = e.boroughs[b] ?? BoroughPart()
        var s: [String: Any] = [
            "id": id, "name": e.title, "status": "active",
            "description": description(e, borough: b, in: content),
            "minimum_age": e.ages.lowerBound, "maximum_age": e.ages.upperBound,
        ]
        if ISODate.parse(e.lastReviewed) != nil { s["assured_date"] = e.lastReviewed }

        // The borough's contact first, then the shared one; only what the content states.
        let contacts = [part.contact, e.contact].compactMap { $0 }
        if let url = contacts.compactMap(\.website).first(where: ORUK.isWebAddress) { s["url"] = url }
        if let email = contacts.compactMap({ $0.email.flatMap(firstEmail) }).first { s["email"] = email }

        s["service_areas"] = [[
            "id": UUIDv5.string("\(e.id)/\(b.rawValue)/area"), "service_id": id,
            "name": b.fullName, "service_area": b.fullName,
            "extent": ORUK.onsCode(b), "extent_type": "ons_gss",
            "uri": "http://statistics.data.gov.uk/id/statistical-geography/\(ORUK.onsCode(b))",
        ]]

        // Every service has its organisation (the compliance page asks for organization_id).
        let org = organizations.organization(part.provider)
        s["organization_id"] = org.id
        s["organization"] = ["id": org.id, "name": org.name,
                             "description": org.name == Organizations.publisher
                                ? "Publishes this directory. The Local Offer does not confirm who provides this service: ask SENDIASS."
                                : "Provides services listed in the Local Offer of Richmond upon Thames and Kingston upon Thames."]

        if let cost = e.cost, !cost.trimmed.isEmpty {
            var option: [String: Any] = ["id": UUIDv5.string("\(e.id)/\(b.rawValue)/cost"), "service_id": id, "amount_description": cost]
            // Only a plain "Free" is a sure amount; any other text stays words (a guess at a price is worse than none).
            if cost.lowercased().hasPrefix("free") { option["amount"] = 0 }
            s["cost_options"] = [option]
        }

        var attributes: [[String: Any]] = []
        for st in Status.allCases {
            // Any age the service takes: only the status is in question here.
            let verdict = EligibilityEngine.verdict(e, borough: b, age: e.ages.lowerBound, status: st)
            guard verdict != .notEligible else { continue }
            let term = ORUK.statusTerm(st, check: verdict == .check)
            let code = term["term"] as? String ?? st.rawValue
            attributes.append(["id": UUIDv5.string("\(e.id)/\(b.rawValue)/attribute/\(ORUK.senStatusTaxonomy)/\(code)"),
                               "link_id": id, "link_type": "eligibility",
                               "taxonomy_term_id": term["id"] ?? "", "taxonomy_term": term])
        }
        for a in NeedArea.allCases where e.needAreas.contains(a) {
            let term = ORUK.needTerm(a)
            attributes.append(["id": UUIDv5.string("\(e.id)/\(b.rawValue)/attribute/\(ORUK.needAreaTaxonomy)/\(a.rawValue)"),
                               "link_id": id, "link_type": "audience",
                               "taxonomy_term_id": term["id"] ?? "", "taxonomy_term": term])
        }
        if !attributes.isEmpty { s["attributes"] = attributes }
        return s
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
enum AtomicFile {
    static func write(_ data: Data, to url: URL) throws {
        let dir = url.deletingLastPathComponent()
        let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))")
        // open/write/close rather than Data.write, which syncs every file to disk: a 100,000-service
        // import would wait on the disk 100,000 times. The rename still makes each file whole or absent.
        let fd = open(tmp.path, O_WRONLY | O_CREAT | O_EXCL | O_TRUNC, 0o644)
        guard fd >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: url.path]) }
        var ok = true
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            var off = 0
            while off < raw.count, let base = raw.baseAddress {
                let n = Foundation.write(fd, base + off, raw.count - off)
                if n < 0 {
                    if errno == EINTR { continue }
                    ok = false
                    return
                }
                off += n
            }
        }
        if close(fd) != 0 { ok = false }
        // rename(2) replaces the target in one step: readers see the old file or the new one.
        guard ok, rename(tmp.path, url.path) == 0 else {
            unlink(tmp.path)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
    }
}

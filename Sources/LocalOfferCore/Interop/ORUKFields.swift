import Foundation

/// What one ORUK record says that an entry can use, checked field by field. Reads ORUK 3.0 names and
/// the 1.0 / Outpost ones (`min_age`, `organisation`, `locations[].postal_code`, `updated_at`).
struct ServiceFields {
    var orukId: String
    var name: String
    var description: String
    var url: String?
    var email: String?
    var provider: String?
    var ages: ClosedRange<Int>
    var ageNote: String?
    var reviewed: String?
    var reviewedNote: String?
    var statusNote: String?
    var skipReason: String?
    var cost: String?
    var alert: String?
    var place: ORUKPlace.Finding = .unknown
    /// Verdicts read from our SEN-status taxonomy, when the record carries it (our own export, or a
    /// council that adopts it): the plain term is open, the `-check` term depends, absent is closed.
    var statuses: [Status: Verdict]? = nil
    var needs: [NeedArea] = []

    /// One field's problem: an error refuses the record; a warning is a repair made.
    struct Sink {
        var err: (String, String) -> Void
        var warn: (String, String) -> Void
    }

    static func read(_ r: JSONValue, sink: Sink, today: Date, postcodes: [PostcodeDistrict]) -> ServiceFields? {
        let err = sink.err, warn = sink.warn
        func string(_ key: String, in obj: JSONValue = r, path: String? = nil) -> String? {
            guard let v = obj[key], !v.isNull else { return nil }
            if case .string(let s) = v { return s }
            err(path ?? key, "must be text, not \(v.kind)")
            return nil
        }
        /// A number in a checked range; anything else is one error naming the field and the range.
        func number(_ key: String, in obj: JSONValue = r, path: String? = nil, range: ClosedRange<Double>) -> Double? {
            guard let v = obj[key], !v.isNull else { return nil }
            guard case .number(let d, let text) = v else {
                err(path ?? key, "must be a number, not \(v.kind)")
                return nil
            }
            guard d.isFinite, range.contains(d) else {
                err(path ?? key, "\(ORUKText.quote(text)) is out of range (\(ORUKText.number(range.lowerBound)) to \(ORUKText.number(range.upperBound)))")
                return nil
            }
            return d
        }
        func list(_ key: String, in obj: JSONValue = r, limit: Int) -> [JSONValue]? {
            guard let v = obj[key], !v.isNull else { return nil }
            guard case .array(let a) = v else {
                err(key, "must be a list, not \(v.kind)")
                return nil
            }
            if a.count > limit {
                err(key, "has \(a.count) items; the most read for one service is \(limit) (see the README's limits)")
                return nil
            }
            return a
        }

        var orukId: String?
        switch r["id"] {
        case .string(let s)? where !s.trimmed.isEmpty: orukId = ORUKText.clean(s, limit: 200, singleLine: true)
        case .number(let d, let text)? where d.isFinite && text.utf8.count <= 40: orukId = text  // ORUK 1.0 feeds may number their records
        case nil, .null?: err("id", "missing: a record needs its directory id, so a re-import updates it")
        default: err("id", "must be text")
        }
        if orukId?.isEmpty == true { err("id", "is empty"); orukId = nil }
        let rawName = string("name")
        let name = rawName.map { ORUKText.clean($0, limit: ORUKImport.maxTitle, singleLine: true) } ?? ""
        if rawName == nil && r["name"] == nil { err("name", "missing: every service needs a name") }
        else if rawName != nil && name.isEmpty { err("name", "is empty") }

        let description = string("description").map { ORUKText.clean($0, limit: ORUKImport.maxText) } ?? ""

        var url: String?
        if let u = string("url") { url = ORUKRepair.webAddress(u, field: "url", err: err, warn: warn) }
        var email: String?
        if let v = r["email"], !v.isNull {
            if case .string(let s) = v { email = ORUKRepair.email(s, field: "email", err: err, warn: warn) }
            else { err("email", "not an email address (\(v.kind))") }
        }

        var provider: String?
        for key in ["organization", "organisation"] {
            guard let v = r[key], !v.isNull else { continue }
            if v.isObject {
                provider = string("name", in: v, path: "\(key).name").map { ORUKText.clean($0, limit: ORUKImport.maxTitle, singleLine: true) }
                if provider?.isEmpty == true { provider = nil }
            } else {
                err(key, "must be an object")
            }
            if provider != nil { break }
        }

        // Ages: a person's age in years. Past 130 is not an age; the Local Offer covers 0 to 25.
        let ageRange = 0.0...130.0
        var ageNote: String?
        var loKey = "minimum_age", hiKey = "maximum_age"
        if r[loKey] == nil && r[hiKey] == nil && (r["min_age"] != nil || r["max_age"] != nil) { loKey = "min_age"; hiKey = "max_age" }
        var lo = number(loKey, range: ageRange), hi = number(hiKey, range: ageRange)
        // ORUK 1.0 keeps ages in `eligibilitys`.
        if r[loKey] == nil && r[hiKey] == nil, let first = r["eligibilitys"]?.array?.first, first.isObject {
            lo = number("minimum_age", in: first, path: "eligibilitys[0].minimum_age", range: ageRange)
            hi = number("maximum_age", in: first, path: "eligibilitys[0].maximum_age", range: ageRange)
        }
        if let l = lo, let h = hi, l > h {
            err(hiKey, "is below \(loKey) (\(ORUKText.number(l)) > \(ORUKText.number(h)))")
            lo = nil; hi = nil
        }
        // In range by now, so the conversions cannot trap.
        let from = lo.map { Int($0.rounded(.down)) } ?? 0
        let to = hi.map { Int($0.rounded(.down)) } ?? 25
        var skipReason: String?
        if from > 25 {
            skipReason = "for ages \(from) and over: outside the Local Offer's 0 to 25"
        } else if lo != nil || hi != nil {
            let given = "\(lo.map(ORUKText.number) ?? "0") to \(hi.map(ORUKText.number) ?? "any age")"
            if to > 25 || hi == nil {
                ageNote = "The council's directory gives ages \(given); the Local Offer covers 0 to 25."
            }
        }

        var statusNote: String?
        if let s = string("status") {
            switch s.trimmed.lowercased() {
            case "active", "": break
            case "temporarily closed": statusNote = "The council's directory marks this service as temporarily closed."
            case "inactive", "defunct": skipReason = skipReason ?? "marked '\(ORUKText.clean(s, limit: 40, singleLine: true))' in the directory"
            default: err("status", "must be active, inactive, defunct or temporarily closed, not \(ORUKText.quote(s))")
            }
        }

        // The directory's own dates: when it was checked, else when it was changed.
        var reviewed: String?
        var reviewedNote: String?
        for key in ["assured_date", "last_modified", "lastModified", "updated_at"] {
            guard let s = string(key) else { continue }
            let day = String(s.trimmed.prefix(10))
            guard let date = ISODate.parse(day) else {
                reviewedNote = "The directory's date \(ORUKText.quote(s)) is not a date."
                continue
            }
            if date > today.addingTimeInterval(86_400) {
                reviewedNote = "The directory's date \(day) is in the future."
                continue
            }
            reviewed = day
            break
        }

        var costs: [String] = []
        if let f = string("fees") { costs.append(ORUKText.clean(f, limit: 500, singleLine: true)) }
        for (i, c) in (list("cost_options", limit: Limits.costOptionsPerService) ?? []).enumerated() where c.isObject {
            var words: [String] = []
            let said = string("amount_description", in: c, path: "cost_options[\(i)].amount_description").map { ORUKText.clean($0, limit: 200, singleLine: true) }
            if let n = number("amount", in: c, path: "cost_options[\(i)].amount", range: 0...1_000_000) {
                if n != 0 {
                    words.append("£" + ORUKText.money(n))
                } else if !(said?.lowercased().hasPrefix("free") ?? false) {
                    words.append("Free")
                }
            }
            if let said { words.append(said) }
            if let o = string("option", in: c, path: "cost_options[\(i)].option") { words.append("(\(ORUKText.clean(o, limit: 200, singleLine: true)))") }
            let t = words.filter { !$0.isEmpty && $0 != "()" }.joined(separator: " ")
            if !t.isEmpty { costs.append(t) }
        }
        var seenCosts = Set<String>()
        costs = costs.filter { seenCosts.insert($0).inserted }
        let alert = string("alert").map { ORUKText.clean($0, limit: 2000) }

        let areas = list("service_areas", limit: Limits.areasPerService) ?? []
        // 1.0 / Outpost put locations on the service; 3.0 puts them under service_at_locations[].location.
        var locations = list("locations", limit: Limits.locationsPerService) ?? []
        for sal in list("service_at_locations", limit: Limits.locationsPerService) ?? [] {
            if let l = sal["location"], l.isObject { locations.append(l) }
        }
        let place = ORUKPlace.find(areas: areas, locations: locations, postcodes: postcodes)

        // Our own taxonomies, when the feed carries them (our export, or a council that adopts them).
        var statusTerms: [Status: Verdict] = [:]
        var sawStatusTaxonomy = false
        var needs = Set<NeedArea>()
        for a in list("attributes", limit: Limits.attributesPerService) ?? [] {
            guard let term = a["taxonomy_term"], term.isObject else { continue }
            let taxonomy = term["taxonomy"]?.string ?? ""
            let code = term["term"]?.string ?? ""
            if taxonomy == ORUK.senStatusTaxonomy {
                sawStatusTaxonomy = true
                if let s = Status(rawValue: code) { statusTerms[s] = .eligible }
                else if code.hasSuffix("-check"), let s = Status(rawValue: String(code.dropLast(6))), statusTerms[s] == nil { statusTerms[s] = .check }
            }
            if taxonomy == ORUK.needAreaTaxonomy, let n = NeedArea(rawValue: code) { needs.insert(n) }
        }

        guard let orukId, !name.isEmpty else { return nil }
        var f = ServiceFields(orukId: orukId, name: name, description: description, url: url, email: email, provider: provider,
                              ages: from...max(from, min(to, 25)), ageNote: ageNote, reviewed: reviewed, reviewedNote: reviewedNote,
                              statusNote: statusNote, skipReason: skipReason, cost: costs.isEmpty ? nil : costs.joined(separator: "; "),
                              alert: alert)
        f.place = place
        if sawStatusTaxonomy {
            var verdicts: [Status: Verdict] = [:]
            for s in Status.allCases { verdicts[s] = statusTerms[s] ?? .notEligible }
            f.statuses = verdicts
        }
        f.needs = NeedArea.allCases.filter(needs.contains)
        return f
    }
}

/// Small repairs of what real feeds get wrong, each one a warning naming its field; refusal only for
/// what cannot be made right.
enum ORUKRepair {
    /// Zero-width and invisible characters, and the no-break space: never part of an address.
    static func stripInvisible(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            let v = u.value
            if v < 0x20 || v == 0x7F || v == 0xA0 || v == 0xAD || (0x200B...0x200F).contains(v) || (0x202A...0x202E).contains(v)
                || (0x2060...0x2064).contains(v) || v == 0xFEFF { continue }
            out.append(u)
        }
        return String(out).trimmed
    }

    static func webAddress(_ raw: String, field: String, err: (String, String) -> Void, warn: (String, String) -> Void) -> String? {
        let t = stripInvisible(raw)
        if t.isEmpty { return nil }
        if t != raw.trimmed { warn(field, "repaired: invisible characters removed from the web address") }
        if ORUK.isWebAddress(t) { return t }
        let lower = t.lowercased()
        // "http:www.example.org", "https:/example.org": the slashes mistyped.
        for scheme in ["https:", "http:"] where lower.hasPrefix(scheme) && !lower.hasPrefix(scheme + "//") {
            let candidate = scheme + "//" + t.dropFirst(scheme.count).drop { $0 == "/" || $0 == "\\" }
            if ORUK.isWebAddress(candidate) {
                warn(field, "repaired: \(ORUKText.quote(t)) read as \(ORUKText.quote(candidate))")
                return candidate
            }
        }
        // "www.example.org/page": a web address without its scheme.
        if !lower.contains("://"), !lower.hasPrefix("mailto:"), !t.contains(where: { $0.isWhitespace || $0 == "@" }) {
            let candidate = "https://" + t
            if ORUK.isWebAddress(candidate) {
                warn(field, "repaired: 'https://' added to \(ORUKText.quote(t))")
                return candidate
            }
        }
        err(field, "not a web address (http:// or https://): \(ORUKText.quote(t))")
        return nil
    }

    static func email(_ raw: String, field: String, err: (String, String) -> Void, warn: (String, String) -> Void) -> String? {
        var t = stripInvisible(raw)
        if t.isEmpty { return nil }
        if t.lowercased().hasPrefix("mailto:") { t = String(t.dropFirst(7)) }
        while let last = t.last, last == "." || last == "," || last == ";" { t.removeLast() }
        if ORUK.isEmail(t) {
            if t != raw.trimmed {
                let invisible = stripInvisible(raw) != raw.trimmed
                warn(field, "repaired: \(ORUKText.quote(raw)) read as \(ORUKText.quote(t))" + (invisible ? " (invisible characters removed)" : ""))
            }
            return t
        }
        err(field, "not an email address: \(ORUKText.quote(raw))")
        return nil
    }
}

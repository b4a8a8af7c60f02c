import Foundation

/// What one ORUK record says that an entry can use, checked field by field.
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
    var boroughs: [Borough] = []
    var otherAreas: [String] = []
    var statuses: Set<Status> = []
    var needs: [NeedArea] = []

    static func read(_ r: [String: Any], err: (String, String) -> Void, today: Date) -> ServiceFields? {
        func string(_ key: String, in obj: [String: Any] = r, path: String? = nil) -> String? {
            guard let v = obj[key], !(v is NSNull) else { return nil }
            if let s = v as? String { return s }
            err(path ?? key, "must be text, not \(ORUKText.describe(v))")
            return nil
        }
        func number(_ key: String) -> Double? {
            guard let v = r[key], !(v is NSNull) else { return nil }
            if !ORUKText.isBool(v), let n = v as? NSNumber { return n.doubleValue }
            err(key, "must be a number, not \(ORUKText.describe(v))")
            return nil
        }

        var orukId: String?
        switch r["id"] {
        case let s as String where !s.trimmed.isEmpty: orukId = s.trimmed
        case let n as NSNumber where !ORUKText.isBool(n): orukId = n.stringValue  // ORUK 1.0 feeds may number their records
        case nil, is NSNull: err("id", "missing: a record needs its directory id, so a re-import updates it")
        default: err("id", "must be text")
        }
        let rawName = string("name")
        let name = rawName.map { ORUKText.clean($0, limit: ORUKImport.maxTitle, singleLine: true) } ?? ""
        if rawName == nil && r["name"] == nil { err("name", "missing: every service needs a name") }
        else if rawName != nil && name.isEmpty { err("name", "is empty") }

        let description = string("description").map { ORUKText.clean($0, limit: ORUKImport.maxText) } ?? ""

        var url: String?
        if let u = string("url") {
            let t = u.trimmed
            if ORUK.isWebAddress(t) { url = t } else if !t.isEmpty { err("url", "not a web address (http:// or https://): \(ORUKText.quote(t))") }
        }
        var email: String?
        if let v = r["email"], !(v is NSNull) {
            if let s = v as? String {
                let t = s.trimmed
                if ORUK.isEmail(t) { email = t } else if !t.isEmpty { err("email", "not an email address: \(ORUKText.quote(t))") }
            } else {
                err("email", "not an email address (\(ORUKText.describe(v)))")
            }
        }

        var provider: String?
        if let v = r["organization"], !(v is NSNull) {
            if let org = v as? [String: Any] {
                provider = string("name", in: org, path: "organization.name").map { ORUKText.clean($0, limit: ORUKImport.maxTitle, singleLine: true) }
                if provider?.isEmpty == true { provider = nil }
            } else {
                err("organization", "must be an object")
            }
        }

        var ageNote: String?
        var lo = number("minimum_age"), hi = number("maximum_age")
        // ORUK 1.0 (Outpost) keeps ages in `eligibilitys`.
        if lo == nil && hi == nil, let list = r["eligibilitys"] as? [Any], let first = list.first as? [String: Any] {
            func n(_ k: String) -> Double? {
                guard let v = first[k] as? NSNumber, !ORUKText.isBool(v), v.doubleValue.isFinite else { return nil }
                return v.doubleValue
            }
            lo = n("minimum_age")
            hi = n("maximum_age")
        }
        var from = 0, to = 25
        var skipReason: String?
        if let lo, lo < 0 || !lo.isFinite { err("minimum_age", "must not be negative") }
        if let hi, hi < 0 || !hi.isFinite { err("maximum_age", "must not be negative") }
        if let lo, let hi, lo > hi { err("maximum_age", "is below minimum_age (\(ORUKText.number(lo)) > \(ORUKText.number(hi)))") }
        if let lo, lo.isFinite, lo >= 0 { from = Int(lo.rounded(.down)) }
        if let hi, hi.isFinite, hi >= 0 { to = Int(min(hi, 1000).rounded(.down)) }
        if from > 25 {
            skipReason = "for ages \(from) and over: outside the Local Offer's 0 to 25"
        } else if lo != nil || hi != nil {
            let given = "\(lo.map(ORUKText.number) ?? "0") to \(hi.map(ORUKText.number) ?? "any age")"
            if to > 25 || hi == nil {
                ageNote = "The council's directory gives ages \(given); the Local Offer covers 0 to 25."
            }
        }
        to = min(to, 25)

        var statusNote: String?
        if let s = string("status") {
            switch s.trimmed.lowercased() {
            case "active", "": break
            case "temporarily closed": statusNote = "The council's directory marks this service as temporarily closed."
            case "inactive", "defunct": skipReason = skipReason ?? "marked '\(s.trimmed)' in the directory"
            default: err("status", "must be active, inactive, defunct or temporarily closed, not \(ORUKText.quote(s))")
            }
        }

        // The directory's own dates: when it was checked, else when it was changed.
        var reviewed: String?
        var reviewedNote: String?
        for key in ["assured_date", "last_modified", "lastModified"] {
            guard let s = string(key) else { continue }
            let day = String(s.trimmed.prefix(10))
            guard let date = ISODate.parse(day) else {
                reviewedNote = "The directory's date \(ORUKText.quote(ORUKText.clean(s, limit: 40, singleLine: true))) is not a date."
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
        if let list = r["cost_options"] as? [Any] {
            for (i, item) in list.enumerated() {
                guard let c = item as? [String: Any] else { continue }
                var words: [String] = []
                let said = string("amount_description", in: c, path: "cost_options[\(i)].amount_description").map { ORUKText.clean($0, limit: 200, singleLine: true) }
                if let n = c["amount"] as? NSNumber, !ORUKText.isBool(n) {
                    if n.doubleValue != 0 {
                        words.append("£" + ORUKText.money(n.doubleValue))
                    } else if !(said?.lowercased().hasPrefix("free") ?? false) {
                        words.append("Free")
                    }
                }
                if let said { words.append(said) }
                if let o = string("option", in: c, path: "cost_options[\(i)].option") { words.append("(\(ORUKText.clean(o, limit: 200, singleLine: true)))") }
                let t = words.filter { !$0.isEmpty && $0 != "()" }.joined(separator: " ")
                if !t.isEmpty { costs.append(t) }
            }
        }
        let alert = string("alert").map { ORUKText.clean($0, limit: 2000) }

        // Areas: ONS codes anywhere in the area's fields ("E09000027"), never names (Kingston upon Hull).
        var boroughs: [Borough] = []
        var others: [String] = []
        if let areas = r["service_areas"] as? [Any] {
            for a in areas {
                guard let obj = a as? [String: Any] else { continue }
                for key in ["extent", "uri", "service_area", "name"] {
                    guard let s = obj[key] as? String else { continue }
                    for code in ORUKText.onsCodes(in: s) {
                        if let b = ORUK.borough(onsCode: code) {
                            if !boroughs.contains(b) { boroughs.append(b) }
                        } else if !others.contains(code) {
                            others.append(code)
                        }
                    }
                }
            }
        }

        // Our own taxonomies, when the feed carries them (our export, or a council that adopts them).
        var statuses = Set<Status>()
        var needs: [NeedArea] = []
        if let attrs = r["attributes"] as? [Any] {
            for a in attrs {
                guard let obj = a as? [String: Any], let term = obj["taxonomy_term"] as? [String: Any] else { continue }
                let taxonomy = term["taxonomy"] as? String ?? ""
                let code = term["term"] as? String ?? ""
                if taxonomy == ORUK.senStatusTaxonomy, let s = Status(rawValue: code) { statuses.insert(s) }
                if taxonomy == ORUK.needAreaTaxonomy, let n = NeedArea(rawValue: code), !needs.contains(n) { needs.append(n) }
            }
        }

        guard let orukId, !name.isEmpty else { return nil }
        var f = ServiceFields(orukId: orukId, name: name, description: description, url: url, email: email, provider: provider,
                              ages: from...max(from, to), ageNote: ageNote, reviewed: reviewed, reviewedNote: reviewedNote,
                              statusNote: statusNote, skipReason: skipReason, cost: costs.isEmpty ? nil : costs.joined(separator: "; "),
                              alert: alert)
        f.boroughs = Borough.allCases.filter(boroughs.contains)
        f.otherAreas = others
        f.statuses = statuses
        f.needs = NeedArea.allCases.filter(needs.contains)
        return f
    }
}

import Foundation

/// What a flow learns about the child, and what it already knows: answers write the profile, and a
/// question the profile already answers is not asked.
extension FlowEngine {
    static func apply(_ answer: Answer, of node: FlowNode, to profile: inout Profile, postcodes: [PostcodeDistrict]) {
        func write(_ a: ProfileAssignment) {
            if let b = a.borough { profile.borough = b }
            if let s = a.status { profile.status = s }
            if let n = a.needs { profile.needs.insert(n) }
            if let age = a.age { profile.age = age }
        }
        switch answer {
        case .choice(let v):
            if let o = node.options.first(where: { $0.value == v }) { write(o.set) }
            if let field = node.profile { write(assignment(field, v)) }
        case .multi(let values):
            if node.profile == .needs || node.options.contains(where: { $0.set.needs != nil }) { profile.needs = [] }
            for v in values {
                if let o = node.options.first(where: { $0.value == v }) { write(o.set) }
                if let field = node.profile { write(assignment(field, v)) }
            }
        case .number(let n):
            if node.profile == .age, validAges.contains(n) { profile.age = n }
        case .postcode(_, let result):
            if node.profile == .borough {
                switch result {
                case .richmond: profile.borough = .richmond
                case .kingston: profile.borough = .kingston
                case .shared, .outside: break  // never guessed
                }
            }
        }
    }

    /// The answer the profile already gives to a question, when it gives exactly one: a question
    /// tied to a field (`profile: age`), or whose options each write one value of a field (`set:
    /// {borough: kingston}`) and exactly one option matches. Never a guess: an ambiguous match (two
    /// options for the same need) or a value out of range is asked.
    static func profileAnswer(for node: FlowNode, profile: Profile) -> Answer? {
        func value(_ field: ProfileField) -> [String] {
            switch field {
            case .borough: return profile.borough.map { [$0.rawValue] } ?? []
            case .status: return profile.status.map { [$0.rawValue] } ?? []
            case .age: return profile.age.map { [String($0)] } ?? []
            case .needs: return profile.needs.map(\.rawValue).sorted()
            }
        }
        func optionValue(_ o: FlowOption, _ field: ProfileField) -> String? {
            switch field {
            case .borough: return o.set.borough?.rawValue
            case .status: return o.set.status?.rawValue
            case .age: return o.set.age.map(String.init)
            case .needs: return o.set.needs?.rawValue
            }
        }
        switch node.type {
        case .number:
            guard node.profile == .age, let age = profile.age else { return nil }
            if let lo = node.min, age < lo { return nil }
            if let hi = node.max, age > hi { return nil }
            return .number(age)
        case .choice, .multi:
            // The field the question answers: named, or the one its options write.
            let written = Set(node.options.flatMap { o in ProfileField.allCases.filter { optionValue(o, $0) != nil } })
            guard let field = node.profile ?? (written.count == 1 ? written.first : nil) else { return nil }
            let known = value(field)
            guard !known.isEmpty else { return nil }
            func options(for v: String) -> [FlowOption] {
                node.options.filter { o in optionValue(o, field) == v || (node.profile == field && o.value == v) }
            }
            if node.type == .choice {
                guard known.count == 1 else { return nil }
                let matching = options(for: known[0])
                return matching.count == 1 ? .choice(matching[0].value) : nil
            }
            var chosen: [String] = []
            for v in known {
                let matching = options(for: v)
                guard matching.count == 1 else { return nil }
                chosen.append(matching[0].value)
            }
            // In the order the question lists them, as a person ticking them would.
            return .multi(node.options.map(\.value).filter(chosen.contains))
        case .postcode, .outcome:
            // A postcode cannot be rebuilt from a borough; the question that needs one asks.
            return nil
        }
    }

    static func assignment(_ field: ProfileField, _ value: String) -> ProfileAssignment {
        switch field {
        case .borough: return ProfileAssignment(borough: Borough(rawValue: value))
        case .status: return ProfileAssignment(status: Status(rawValue: value))
        case .needs: return ProfileAssignment(needs: NeedArea(rawValue: value))
        case .age: return ProfileAssignment(age: Int(value))
        }
    }
}

extension FlowState {
    /// The answers taken from "About your child" rather than asked, in the words of each question's
    /// options ("Kingston upon Thames", "age 7"): both front ends show them with a way to change.
    public var fromProfileLabels: [String] {
        path.compactMap { node -> String? in
            guard let a = fromProfile[node.id] else { return nil }
            switch a {
            case .choice(let v): return node.options.first { $0.value == v }?.label ?? v
            case .multi(let vs): return vs.map { v in node.options.first { $0.value == v }?.label ?? v }.joined(separator: ", ")
            case .number(let n): return node.profile == .age ? tr(.summaryAge, ["age": String(n)]) : String(n)
            case .postcode(let d, _): return d
            }
        }
    }
}

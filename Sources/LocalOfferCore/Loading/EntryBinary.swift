import Foundation

/// Entries in the snapshot, coded field by field in a fixed order instead of through `Codable`:
/// an entry is some 150 values in 60 containers, and the generic machinery cost about 50 µs an
/// entry to decode (165 ms of a 224 ms `search` at 3,000 services). Here it is straight-line code.
///
/// Every field of every type below is written and read here, in declaration order. A field added
/// to one of these model types must be added here too: `EntryBinaryTests` counts each type's
/// fields and fails until it is, and the round trip of the shipped content compares whole entries.
struct BinaryOut {
    var bytes: [UInt8] = []
    mutating func int(_ v: Int) { Varint.put(Varint.zigzag(Int64(v)), into: &bytes) }
    mutating func bool(_ v: Bool) { bytes.append(v ? 1 : 0) }
    mutating func str(_ s: String) {
        var s = s
        s.withUTF8 { u in
            Varint.put(UInt64(u.count), into: &bytes)
            bytes.append(contentsOf: u)
        }
    }
    mutating func opt(_ s: String?) {
        bool(s != nil)
        if let s { str(s) }
    }
    mutating func optInt(_ v: Int?) {
        bool(v != nil)
        if let v { int(v) }
    }
    mutating func strs(_ list: [String]) {
        int(list.count)
        for s in list { str(s) }
    }
    mutating func raws<R: RawRepresentable>(_ list: [R]) where R.RawValue == String { strs(list.map(\.rawValue)) }
}

/// Reads what `BinaryOut` wrote, never past `end`: damaged bytes throw.
struct BinaryIn {
    let r: Reader
    var p: Int
    let end: Int

    static func fail(_ why: String) -> BinaryCoding.Failure { BinaryCoding.Failure("entry: \(why)") }

    mutating func int() throws -> Int {
        guard let v = Int(exactly: Varint.unzigzag(try r.varint(&p, end: end))) else { throw Self.fail("a number does not fit") }
        return v
    }
    mutating func bool() throws -> Bool {
        guard p >= 0, p < end, end <= r.count else { throw Self.fail("runs past its value") }
        let b = r.base.load(fromByteOffset: p, as: UInt8.self)
        p += 1
        guard b <= 1 else { throw Self.fail("not a Bool") }
        return b == 1
    }
    mutating func str() throws -> String {
        let length = try r.varint(&p, end: end)
        guard length <= UInt64(end - p) else { throw Self.fail("a text runs past its value") }
        let stop = p + Int(length)
        defer { p = stop }
        return r.string(p, stop)
    }
    mutating func opt() throws -> String? { try bool() ? try str() : nil }
    mutating func optInt() throws -> Int? { try bool() ? try int() : nil }
    /// A count no larger than the bytes left (every element takes at least one byte).
    mutating func count() throws -> Int {
        let n = try int()
        guard n >= 0, n <= end - p else { throw Self.fail("a list claims more values than it holds") }
        return n
    }
    mutating func strs() throws -> [String] {
        let n = try count()
        var out: [String] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try str()) }
        return out
    }
    mutating func raw<R: RawRepresentable>(_: R.Type) throws -> R where R.RawValue == String {
        guard let v = R(rawValue: try str()) else { throw Self.fail("an unknown \(R.self)") }
        return v
    }
    mutating func raws<R: RawRepresentable>(_: R.Type) throws -> [R] where R.RawValue == String {
        try strs().map { s in
            guard let v = R(rawValue: s) else { throw Self.fail("an unknown \(R.self)") }
            return v
        }
    }
    mutating func table<K: RawRepresentable & Hashable, V>(_: K.Type, _ value: (inout BinaryIn) throws -> V) throws -> [K: V]
    where K.RawValue == String {
        let n = try count()
        var out: [K: V] = [:]
        for _ in 0..<n {
            // The key is read before its value: two statements, so the order is not left to the compiler.
            let k = try raw(K.self)
            let v = try value(&self)
            out[k] = v
        }
        guard out.count == n else { throw Self.fail("a table repeats a key") }
        return out
    }
}

extension BinaryOut {
    mutating func table<K: RawRepresentable & Hashable, V>(_ t: [K: V], _ value: (inout BinaryOut, V) -> Void) where K.RawValue == String {
        int(t.count)
        for k in t.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
            str(k.rawValue)
            if let v = t[k] { value(&self, v) }
        }
    }
}

extension StatusRule {
    func put(_ o: inout BinaryOut) {
        o.str(verdict.rawValue)
        o.str(reason)
        o.strs(instead)
    }
    static func take(_ i: inout BinaryIn) throws -> StatusRule {
        StatusRule(verdict: try i.raw(Verdict.self), reason: try i.str(), instead: try i.strs())
    }
}

extension Contact {
    func put(_ o: inout BinaryOut) {
        o.opt(website)
        o.opt(phone)
        o.opt(email)
        o.opt(address)
        o.opt(webForm)
        o.opt(askInstead)
        o.strs(askInsteadLines)
    }
    static func take(_ i: inout BinaryIn) throws -> Contact {
        Contact(website: try i.opt(), phone: try i.opt(), email: try i.opt(), address: try i.opt(), webForm: try i.opt(),
                askInstead: try i.opt(), askInsteadLines: try i.strs())
    }
    static func putOptional(_ c: Contact?, _ o: inout BinaryOut) {
        o.bool(c != nil)
        c?.put(&o)
    }
    static func takeOptional(_ i: inout BinaryIn) throws -> Contact? { try i.bool() ? try take(&i) : nil }
}

extension BoroughPart {
    func put(_ o: inout BinaryOut) {
        o.bool(offered)
        o.opt(provider)
        o.opt(howToGet)
        o.strs(routes)
        o.opt(differences)
        o.table(eligibility) { o, rule in rule.put(&o) }
        Contact.putOptional(contact, &o)
        o.opt(reason)
        o.strs(instead)
        o.opt(openVia)
    }
    static func take(_ i: inout BinaryIn) throws -> BoroughPart {
        BoroughPart(offered: try i.bool(), provider: try i.opt(), howToGet: try i.opt(), routes: try i.strs(),
                    differences: try i.opt(), eligibility: try i.table(Status.self) { try StatusRule.take(&$0) },
                    contact: try Contact.takeOptional(&i), reason: try i.opt(), instead: try i.strs(), openVia: try i.opt())
    }
}

extension Entry: BinaryElement {
    func put(_ o: inout BinaryOut) {
        o.str(id)
        o.str(kind.rawValue)
        o.str(title)
        o.str(summary)
        o.str(description)
        o.str(category)
        o.raws(needAreas)
        o.int(ages.lowerBound)
        o.int(ages.upperBound)
        o.strs(parentWords)
        o.opt(cost)
        o.table(eligibility) { o, rule in rule.put(&o) }
        o.table(boroughs) { o, part in part.put(&o) }
        Contact.putOptional(contact, &o)
        o.strs(related)
        o.bool(talkingPoints != nil)
        if let t = talkingPoints {
            o.strs(t.ask)
            o.strs(t.bring)
            o.strs(t.next)
        }
        o.bool(statutory != nil)
        if let s = statutory {
            o.opt(s.basis)
            o.opt(s.timescales)
        }
        o.int(steps.count)
        for s in steps {
            o.str(s.title)
            o.str(s.text)
            o.strs(s.entries)
        }
        o.str(lastReviewed)
        o.strs(sources)
        o.raws(locatedIn)
        o.str(location.file)
        o.optInt(location.line)
        o.optInt(location.column)
        o.bool(draft)
    }

    static func take(_ i: inout BinaryIn) throws -> Entry {
        let id = try i.str(), kind = try i.raw(EntryKind.self), title = try i.str(), summary = try i.str()
        let description = try i.str(), category = try i.str(), needAreas = try i.raws(NeedArea.self)
        let lo = try i.int(), hi = try i.int()
        guard lo <= hi else { throw BinaryIn.fail("ages upside down") }
        let parentWords = try i.strs(), cost = try i.opt()
        let eligibility = try i.table(Status.self) { try StatusRule.take(&$0) }
        let boroughs = try i.table(Borough.self) { try BoroughPart.take(&$0) }
        let contact = try Contact.takeOptional(&i), related = try i.strs()
        let talking = try i.bool() ? TalkingPoints(ask: try i.strs(), bring: try i.strs(), next: try i.strs()) : nil
        let statutory = try i.bool() ? Statutory(basis: try i.opt(), timescales: try i.opt()) : nil
        let n = try i.count()
        var steps: [GuideStep] = []
        steps.reserveCapacity(n)
        for _ in 0..<n { steps.append(GuideStep(title: try i.str(), text: try i.str(), entries: try i.strs())) }
        let lastReviewed = try i.str(), sources = try i.strs(), locatedIn = try i.raws(Borough.self)
        let location = SourceLocation(file: try i.str(), line: try i.optInt(), column: try i.optInt())
        var e = Entry(id: id, kind: kind, title: title, summary: summary, description: description, category: category,
                      needAreas: needAreas, ages: lo...hi, parentWords: parentWords, cost: cost, eligibility: eligibility,
                      boroughs: boroughs, contact: contact, related: related, talkingPoints: talking, statutory: statutory,
                      steps: steps, lastReviewed: lastReviewed, sources: sources, locatedIn: locatedIn, location: location)
        e.draft = try i.bool()
        return e
    }

    static func put(_ items: [Entry], into out: inout [UInt8]) throws {
        var o = BinaryOut(bytes: out)
        out = []
        for e in items { e.put(&o) }
        out = o.bytes
    }

    static func take(_ r: Reader, _ p: inout Int, end: Int, count: Int) throws -> [Entry] {
        var i = BinaryIn(r: r, p: p, end: end)
        var out: [Entry] = []
        out.reserveCapacity(count)
        for _ in 0..<count { out.append(try take(&i)) }
        p = i.p
        return out
    }
}

/// Word rules of vocabulary.yaml that search reads: they are data the Local Offer team edits, not
/// code. Every problem is located (`FILE:LINE:COL: error:`), never a crash.
enum VocabularyDecoder {
    /// More forms than any real table holds; a file past it is refused rather than read without end.
    static let maxNounForms = 5_000
    static let maxWordLength = 40

    /// `noun_forms`: each noun the content uses, with the forms parents write for it
    /// (`speech: [speak, speaks, spoke]`). Read as form → noun.
    static func nounForms(_ map: YMap, sink: DiagnosticSink) -> [String: String] {
        guard let forms = map.map("noun_forms") else { return [:] }
        var out: [String: String] = [:]
        var firstAt: [String: SourceLocation] = [:]
        var nounAt: [String: SourceLocation] = [:]
        for p in forms.pairs {
            let noun = p.key.trimmed
            let nounLoc = forms.loc(p.keyNode)
            guard isWord(noun) else {
                sink.error(nounLoc, "noun '\(noun.prefix(maxWordLength))' must be one lower-case word (letters a to z)")
                continue
            }
            nounAt[noun] = nounLoc
            guard case .sequence(let items) = p.value else {
                sink.error(forms.loc(p.value), "the forms of '\(noun)' must be a list of words, not \(YMap.shape(p.value))")
                continue
            }
            if items.isEmpty { sink.error(nounLoc, "'\(noun)' lists no forms") }
            for item in items {
                let loc = forms.loc(item)
                guard case .scalar(let s) = item else {
                    sink.error(loc, "each form of '\(noun)' must be a word, not \(YMap.shape(item))")
                    continue
                }
                let form = s.string.trimmed
                guard isWord(form) else {
                    sink.error(loc, "form '\(form.prefix(maxWordLength))' of '\(noun)' must be one lower-case word (letters a to z)")
                    continue
                }
                if form == noun {
                    sink.error(loc, "'\(form)' is listed as a form of itself")
                    continue
                }
                // A grammar word is dropped from every query before it could be read as a noun.
                if Normalizer.stopWords.contains(form) || Normalizer.negations.contains(form) {
                    sink.error(loc, "'\(form)' is a grammar word every query drops: it cannot stand for '\(noun)'")
                    continue
                }
                if let first = firstAt[form] {
                    sink.error(loc, "'\(form)' is already a form of '\(out[form] ?? "")' (at \(first)): a form stands for one noun")
                    continue
                }
                guard out.count < maxNounForms else {
                    sink.error(loc, "more than \(maxNounForms) noun forms: the rest are not read")
                    return out
                }
                out[form] = noun
                firstAt[form] = loc
            }
        }
        // One step only: a noun that is itself a form would be read as another noun, or never.
        for (noun, loc) in nounAt.sorted(by: { $0.key < $1.key }) {
            if let other = out[noun] {
                sink.error(loc, "'\(noun)' is also listed as a form of '\(other)': list its forms under '\(other)'")
            }
        }
        return out
    }

    static func isWord(_ s: String) -> Bool {
        !s.isEmpty && s.utf8.count <= maxWordLength && s.utf8.allSatisfy { $0 >= 97 && $0 <= 122 }
    }
}

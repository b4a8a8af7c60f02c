import LocalOfferCore

/// Rows of touch buttons ("[ 7 ]", "[ Done ]"), laid out once: the same `Keypad` value draws the
/// buttons and says which one a click at (x, y) hit, so what is drawn is what is touched. Used for
/// the number pad (age), the postcode keypad and the Done / Back row of a guided question.
public struct Keypad: Sendable, Hashable {
    public enum Key: Sendable, Hashable {
        /// Types a character into the answer box.
        case char(Character)
        case delete
        case done
        case back
    }

    public struct Button: Sendable, Hashable {
        public var label: String
        public var key: Key
        public var x: Int
        public var y: Int
        public var width: Int { DisplayWidth.of(label) }
        func contains(x px: Int, y py: Int) -> Bool { py == y && px >= x && px < x + width }
    }

    /// The words on the buttons that are words (from the string catalogue).
    public struct Labels: Sendable, Hashable {
        public var done, back, delete, space: String
        public init(done: String, back: String, delete: String, space: String) {
            self.done = done
            self.back = back
            self.delete = delete
            self.space = space
        }
    }

    public enum Kind: Sendable, Hashable {
        /// Digits, Delete, Done, Back.
        case number
        /// Letters A–Z, digits, Space, Delete, Done, Back.
        case postcode
        /// Done and Back (a question with ticks).
        case doneBack
        /// Back only (a question with one answer, an outcome).
        case back
    }

    public private(set) var buttons: [Button] = []
    /// How many rows the buttons take.
    public private(set) var rows = 0

    /// The buttons of `kind`, rows from `top`, each row starting at `left`. A row wider than
    /// `width` continues on the next row, so no button is ever cut off.
    public init(_ kind: Kind, labels: Labels, left: Int = 1, top: Int = 0, width: Int = 80) {
        func button(_ text: String) -> String { "[ " + text + " ]" }
        let letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ".map { (button(String($0)), Key.char($0)) }
        let digits = "1234567890".map { (button(String($0)), Key.char($0)) }
        let delete = (button(labels.delete), Key.delete), done = (button(labels.done), Key.done)
        let back = (button(labels.back), Key.back)
        let layout: [[(String, Key)]]
        switch kind {
        case .number: layout = [digits, [delete, done, back]]
        case .postcode:
            layout = [Array(letters.prefix(13)), Array(letters.dropFirst(13)),
                      digits + [(button(labels.space), Key.char(" "))], [delete, done, back]]
        case .doneBack: layout = [[done, back]]
        case .back: layout = [[back]]
        }
        var y = top
        for row in layout {
            var x = left
            var used = false
            for (label, key) in row {
                let w = DisplayWidth.of(label)
                if used && x + w > left + width { y += 1; x = left }
                buttons.append(Button(label: label, key: key, x: x, y: y))
                x += w + (key == .done || key == .back || key == .delete ? 2 : 1)
                used = true
            }
            y += 1
        }
        rows = y - top
    }

    /// The pad moved down by `dy` rows (laid out first, then placed above the bottom lines).
    public func shifted(by dy: Int) -> Keypad {
        var k = self
        k.buttons = buttons.map { var b = $0; b.y += dy; return b }
        return k
    }

    /// The key a click at (x, y) touched, if any.
    public func key(atX x: Int, y: Int) -> Key? { buttons.first { $0.contains(x: x, y: y) }?.key }

    public func draw(_ b: inout Buffer, style: Style, doneStyle: Style) {
        for button in buttons {
            _ = b.put(button.label, x: button.x, y: button.y, style: button.key == .done ? doneStyle : style, maxX: b.width)
        }
    }
}

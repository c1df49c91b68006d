/// How equations, figures and tables are numbered: across the whole book
/// (1, 2, 3, …) or per chapter (2.1, 2.2, …), from `[html] numbering` in book.toml.
public enum Numbering: String, Sendable { case book, chapter }

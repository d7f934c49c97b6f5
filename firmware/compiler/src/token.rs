//! Token kinds produced by the lexer.

/// A token: its kind and where it is. The text is `source[start..end]`.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// What it is.
    pub kind: Tok,
    /// Byte offset of the first byte.
    pub start: u32,
    /// Byte offset one past the last byte.
    pub end: u32,
    /// 1-based line of the first byte.
    pub line: u32,
    /// 1-based column of the first byte.
    pub col: u32,
}

macro_rules! keywords {
    ($($name:ident = $text:literal,)*) => {
        /// Token kinds.
        #[derive(Copy, Clone, Debug, PartialEq, Eq)]
        pub enum Tok {
            /// Identifier.
            Name,
            /// Numeric literal.
            Number,
            /// String or bytes literal, prefix and quotes included.
            String,
            /// End of a logical line.
            Newline,
            /// Indentation increased.
            Indent,
            /// Indentation decreased.
            Dedent,
            /// End of input.
            EndMarker,
            $(
                #[doc = $text]
                $name,
            )*
            /// `(`
            LPar,
            /// `)`
            RPar,
            /// `[`
            LSqb,
            /// `]`
            RSqb,
            /// `{`
            LBrace,
            /// `}`
            RBrace,
            /// `:`
            Colon,
            /// `,`
            Comma,
            /// `;`
            Semi,
            /// `+`
            Plus,
            /// `-`
            Minus,
            /// `*`
            Star,
            /// `/`
            Slash,
            /// `|`
            VBar,
            /// `&`
            Amper,
            /// `<`
            Less,
            /// `>`
            Greater,
            /// `=`
            Equal,
            /// `.`
            Dot,
            /// `%`
            Percent,
            /// `==`
            EqEqual,
            /// `!=`
            NotEqual,
            /// `<=`
            LessEqual,
            /// `>=`
            GreaterEqual,
            /// `~`
            Tilde,
            /// `^`
            Circumflex,
            /// `<<`
            LeftShift,
            /// `>>`
            RightShift,
            /// `**`
            DoubleStar,
            /// `+=`
            PlusEqual,
            /// `-=`
            MinEqual,
            /// `*=`
            StarEqual,
            /// `/=`
            SlashEqual,
            /// `%=`
            PercentEqual,
            /// `&=`
            AmperEqual,
            /// `|=`
            VBarEqual,
            /// `^=`
            CircumflexEqual,
            /// `<<=`
            LeftShiftEqual,
            /// `>>=`
            RightShiftEqual,
            /// `**=`
            DoubleStarEqual,
            /// `//`
            DoubleSlash,
            /// `//=`
            DoubleSlashEqual,
            /// `@`
            At,
            /// `@=`
            AtEqual,
            /// `->`
            RArrow,
            /// `...`
            Ellipsis,
            /// `:=`
            ColonEqual,
        }

        /// The keyword token for an identifier, if it is one.
        pub fn keyword(s: &[u8]) -> Option<Tok> {
            match s {
                $( x if x == $text.as_bytes() => Some(Tok::$name), )*
                _ => None,
            }
        }

        impl Tok {
            /// Source text of keyword and operator tokens, a description otherwise.
            pub fn text(self) -> &'static str {
                match self {
                    $( Tok::$name => $text, )*
                    Tok::Name => "identifier",
                    Tok::Number => "number",
                    Tok::String => "string",
                    Tok::Newline => "newline",
                    Tok::Indent => "indent",
                    Tok::Dedent => "dedent",
                    Tok::EndMarker => "end of input",
                    Tok::LPar => "(",
                    Tok::RPar => ")",
                    Tok::LSqb => "[",
                    Tok::RSqb => "]",
                    Tok::LBrace => "{",
                    Tok::RBrace => "}",
                    Tok::Colon => ":",
                    Tok::Comma => ",",
                    Tok::Semi => ";",
                    Tok::Plus => "+",
                    Tok::Minus => "-",
                    Tok::Star => "*",
                    Tok::Slash => "/",
                    Tok::VBar => "|",
                    Tok::Amper => "&",
                    Tok::Less => "<",
                    Tok::Greater => ">",
                    Tok::Equal => "=",
                    Tok::Dot => ".",
                    Tok::Percent => "%",
                    Tok::EqEqual => "==",
                    Tok::NotEqual => "!=",
                    Tok::LessEqual => "<=",
                    Tok::GreaterEqual => ">=",
                    Tok::Tilde => "~",
                    Tok::Circumflex => "^",
                    Tok::LeftShift => "<<",
                    Tok::RightShift => ">>",
                    Tok::DoubleStar => "**",
                    Tok::PlusEqual => "+=",
                    Tok::MinEqual => "-=",
                    Tok::StarEqual => "*=",
                    Tok::SlashEqual => "/=",
                    Tok::PercentEqual => "%=",
                    Tok::AmperEqual => "&=",
                    Tok::VBarEqual => "|=",
                    Tok::CircumflexEqual => "^=",
                    Tok::LeftShiftEqual => "<<=",
                    Tok::RightShiftEqual => ">>=",
                    Tok::DoubleStarEqual => "**=",
                    Tok::DoubleSlash => "//",
                    Tok::DoubleSlashEqual => "//=",
                    Tok::At => "@",
                    Tok::AtEqual => "@=",
                    Tok::RArrow => "->",
                    Tok::Ellipsis => "...",
                    Tok::ColonEqual => ":=",
                }
            }

            /// Is this a keyword?
            pub fn is_keyword(self) -> bool {
                matches!(self, $( Tok::$name )|*)
            }
        }
    };
}

keywords! {
    False = "False",
    None = "None",
    True = "True",
    And = "and",
    As = "as",
    Assert = "assert",
    Async = "async",
    Await = "await",
    Break = "break",
    Class = "class",
    Continue = "continue",
    Def = "def",
    Del = "del",
    Elif = "elif",
    Else = "else",
    Except = "except",
    Finally = "finally",
    For = "for",
    From = "from",
    Global = "global",
    If = "if",
    Import = "import",
    In = "in",
    Is = "is",
    Lambda = "lambda",
    Nonlocal = "nonlocal",
    Not = "not",
    Or = "or",
    Pass = "pass",
    Raise = "raise",
    Return = "return",
    Try = "try",
    While = "while",
    With = "with",
    Yield = "yield",
}

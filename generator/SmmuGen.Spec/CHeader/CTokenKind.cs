namespace SmmuGen.Spec.CHeader;

/// <summary>What a C token is.</summary>
internal enum CTokenKind
{
    /// <summary>A name or keyword.</summary>
    Identifier,

    /// <summary>A preprocessing number (<c>0x3b</c>, <c>1ULL</c>); parsed when evaluated.</summary>
    Number,

    /// <summary>A character constant (<c>';'</c>), quotes included.</summary>
    CharLiteral,

    /// <summary>A string literal, quotes included.</summary>
    StringLiteral,

    /// <summary>An operator or punctuator (<c>{</c>, <c>&lt;&lt;</c>, <c>#</c>).</summary>
    Punctuator,

    /// <summary>The end of the input.</summary>
    EndOfFile,
}

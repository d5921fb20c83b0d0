using System.Collections.Generic;

namespace SmmuGen.Spec.CHeader;

/// <summary>What the preprocessor hands the parser: code tokens, macros, and the defines in order.</summary>
/// <param name="Code">The active, macro-expanded code tokens, ending with end-of-file.</param>
/// <param name="Macros">Every macro defined at the end, built-ins included.</param>
/// <param name="Defines">The header's own defines still in force at the end, in the order of their (last) definition.</param>
internal sealed record CPreprocessorOutput(List<CToken> Code, IReadOnlyDictionary<string, CMacro> Macros, IReadOnlyList<CDefine> Defines);

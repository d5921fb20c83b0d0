using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;

namespace SmmuGen.Spec.Tests;

/// <summary>
/// <see cref="SpecCompiler.Compile"/> must never throw and never fail internally, whatever the text,
/// and every diagnostic it returns must point at a real line and column.
/// </summary>
public sealed class RobustnessProperties
{
    /// <summary>Cases per property: a few hundred by default; set SMMUGEN_FUZZ_CASES for a long hunt.</summary>
    private static readonly int Cases = int.TryParse(Environment.GetEnvironmentVariable("SMMUGEN_FUZZ_CASES"), out var n) && n > 0 ? n : 400;

    private static readonly Config Quick = Config.QuickThrowOnFailure.WithMaxTest(Cases).WithQuietOnSuccess(true);

    /// <summary>Characters that matter to YAML, to the spec language, and a few that should not appear at all.</summary>
    private static readonly char[] YamlAlphabet =
        "abcnameoffsetwidthresetbitsaccessRWO0123456789xX_:-[]{},#&*!|>'\"%@`?. \t\n\r\\\0\u0085\u2028\uFEFF\u00e9".ToCharArray();

    private static bool CompilesSafely(string? text)
    {
        var input = text ?? string.Empty;
        SpecResult result;
        try
        {
            result = SpecCompiler.Compile("fuzz.yaml", input);
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException($"Compile threw on {Show(input)}", ex);
        }

        foreach (var d in result.Diagnostics)
        {
            if (d.Id == "SMMUGEN099" || d.Span.Line < 1 || d.Span.Column < 1 || d.Span.File != "fuzz.yaml")
            {
                throw new InvalidOperationException($"{d} on {Show(input)}");
            }
        }

        return true;
    }

    private static string Show(string text) => "\"" + string.Concat(text.Select(c => c < ' ' || c > '~' ? $"\\u{(int)c:x4}" : c.ToString())) + "\"";

    [Fact]
    public void Compile_NeverThrows_OnArbitraryStrings()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<string>(), text => CompilesSafely(text)).Check(Quick);
    }

    [Fact]
    public void Compile_NeverThrows_OnStringsOfYamlCharacters()
    {
        var gen = Gen.Elements(YamlAlphabet).ArrayOf().Select(chars => new string(chars));
        Prop.ForAll(gen.ToArbitrary(), text => CompilesSafely(text)).Check(Quick);
    }

    [Fact]
    public void Compile_NeverThrows_OnMutationsOfAValidSpec()
    {
        var lines = ValidSpecTests.ReadmeExample.Replace("\r\n", "\n").Split('\n');
        var gen = Mutation(lines.Length).ListOf().Select(ms => Apply(lines, ms));
        Prop.ForAll(gen.ToArbitrary(), text => CompilesSafely(text)).Check(Quick);
    }

    [Fact]
    public void Compile_NeverThrows_OnMutationsOfTheFullSchemaTemplate()
    {
        var lines = SchemaTests.FullTemplate.Replace("\r\n", "\n").Split('\n');
        var gen = Mutation(lines.Length).NonEmptyListOf().Select(ms => Apply(lines, ms));
        Prop.ForAll(gen.ToArbitrary(), text => CompilesSafely(text)).Check(Quick);
    }

    [Fact]
    public void TheValidSpecItself_StaysValid()
    {
        Assert.Empty(SpecCompiler.Compile("fuzz.yaml", ValidSpecTests.ReadmeExample).Diagnostics);
    }

    /// <summary>One edit of a line-split text: the numbers are reduced modulo the current sizes.</summary>
    private sealed record Edit(string Kind, int A, int B, char C);

    private static Gen<Edit> Mutation(int lineCount)
    {
        var kind = Gen.Elements("delete", "duplicate", "swap", "flip", "insert", "truncate", "indent", "dedent");
        var index = Gen.Choose(0, 10_000);
        var chr = Gen.OneOf(Gen.Elements(YamlAlphabet), ArbMap.Default.GeneratorFor<char>());
        return kind.SelectMany(k => index, (k, a) => (k, a))
            .SelectMany(t => index, (t, b) => (t.k, t.a, b))
            .SelectMany(t => chr, (t, c) => new Edit(t.k, t.a, t.b, c));
    }

    private static string Apply(string[] original, IEnumerable<Edit> edits)
    {
        var lines = original.ToList();
        var truncateAt = -1;
        foreach (var e in edits)
        {
            if (lines.Count == 0)
            {
                break;
            }

            var i = e.A % lines.Count;
            var j = e.B % lines.Count;
            switch (e.Kind)
            {
                case "delete":
                    lines.RemoveAt(i);
                    break;
                case "duplicate":
                    lines.Insert(i, lines[i]);
                    break;
                case "swap":
                    (lines[i], lines[j]) = (lines[j], lines[i]);
                    break;
                case "flip":
                    if (lines[i].Length > 0)
                    {
                        var chars = lines[i].ToCharArray();
                        chars[e.B % chars.Length] = e.C;
                        lines[i] = new string(chars);
                    }

                    break;
                case "insert":
                    lines[i] = lines[i].Insert(e.B % (lines[i].Length + 1), e.C.ToString());
                    break;
                case "indent":
                    lines[i] = "  " + lines[i];
                    break;
                case "dedent":
                    lines[i] = lines[i].TrimStart();
                    break;
                case "truncate":
                    truncateAt = e.B;
                    break;
            }
        }

        var text = string.Join("\n", lines);
        return truncateAt >= 0 ? text.Substring(0, truncateAt % (text.Length + 1)) : text;
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using SmmuGen.Generator.Model;
using SmmuGen.Generator.Parsing;

namespace SmmuGen.Generator.Tests;

/// <summary>The parser's model is what the incremental pipeline caches on: it must compare by value and hold nothing of Roslyn.</summary>
public sealed class ModelTests
{
    private const string Spec = """
        name: Alpha
        namespace: Test.Alpha
        enums:
          - name: Mode
            values: { OFF: 0, ON: 1 }
        registers:
          - name: CTRL
            offset: 0x0
            width: 32
            reset: 0x0
            fields:
              - { name: EN, bits: 0, access: RW }
              - { name: MODE, bits: "2:1", access: RW, enum: Mode }
        """;

    [Fact]
    public void ParsingTheSameTextTwice_GivesEqualModelsWithEqualHashes()
    {
        var a = SpecParser.Parse(new SpecFileText("a.yaml", Spec));
        var b = SpecParser.Parse(new SpecFileText("a.yaml", Spec));
        Assert.NotSame(a, b);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Fact]
    public void AMeaningfulEdit_GivesAnUnequalModel()
    {
        var a = SpecParser.Parse(new SpecFileText("a.yaml", Spec)).Spec;
        var b = SpecParser.Parse(new SpecFileText("a.yaml", Spec.Replace("\"2:1\"", "\"3:1\""))).Spec;
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void ReformattingWithoutChangingMeaning_GivesAnEqualModel()
    {
        var reformatted = "# header comment\n" + Spec.Replace("{ name: EN, bits: 0, access: RW }", "{ access: RW, bits: 0, name: EN }");
        Assert.Equal(
            SpecParser.Parse(new SpecFileText("a.yaml", Spec)).Spec,
            SpecParser.Parse(new SpecFileText("a.yaml", reformatted)).Spec);
    }

    [Fact]
    public void ModelTypes_HoldNoRoslynSymbolsSyntaxCompilationsOrLocations()
    {
        var forbidden = new[] { typeof(ISymbol), typeof(Compilation), typeof(SyntaxNode), typeof(SyntaxTree), typeof(Location), typeof(SemanticModel) };
        var seen = new HashSet<Type>();
        var queue = new Queue<Type>(new[] { typeof(ParseResult), typeof(SpecFileText) });
        while (queue.Count > 0)
        {
            var type = queue.Dequeue();
            if (!seen.Add(type) || type.IsPrimitive || type == typeof(string))
            {
                continue;
            }

            Assert.False(forbidden.Any(f => f.IsAssignableFrom(type)), $"{type} is a Roslyn type and must not be in the model");
            foreach (var member in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.PropertyType)
                .Concat(type.GetFields(BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Instance).Select(f => f.FieldType))
                .Concat(type.IsGenericType ? type.GetGenericArguments() : Type.EmptyTypes)
                .Concat(type.IsArray ? new[] { type.GetElementType()! } : Type.EmptyTypes))
            {
                queue.Enqueue(Nullable.GetUnderlyingType(member) ?? member);
            }
        }

        Assert.Contains(typeof(FieldGenerationSpec), seen);
    }

    [Fact]
    public void ParserDerivesTypesAndMasks()
    {
        var spec = SpecParser.Parse(new SpecFileText("a.yaml", Spec)).Spec!;
        var ctrl = spec.Registers.Single();
        Assert.Equal("Ctrl", ctrl.TypeName);
        Assert.Equal("uint", ctrl.RawType);
        Assert.Equal(0x7UL, ctrl.WritableMask);
        Assert.Equal(0xFFFFFFF8UL, ctrl.ReservedMask);
        Assert.Equal(new[] { "bool", "Mode" }, ctrl.Fields.Select(f => f.PropertyType));
        Assert.Equal("byte", spec.Enums.Single().UnderlyingType);
    }
}

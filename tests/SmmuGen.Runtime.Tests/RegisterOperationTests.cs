using System;
using System.Globalization;
using System.Linq;
using System.Reflection;
using SmmuGen.Smmuv3;

namespace SmmuGen.Runtime.Tests;

/// <summary>
/// <see cref="Register.Modify{TSelf}"/> and <see cref="Register.ApplyWrite"/>: on the SMMUv3
/// registers, and (since the SMMUv3 has no W1C register) on a W1C register built here.
/// </summary>
public sealed class RegisterOperationTests
{
    private static readonly ulong[] Patterns = [0UL, ulong.MaxValue, 0xA5A5_A5A5_A5A5_A5A5UL, 0x5A5A_5A5A_5A5A_5A5AUL, 0x0123_4567_89AB_CDEFUL];

    [Fact]
    public void TheSmmuv3HasNoW1cBits()
    {
        Assert.All(Smmuv3RegisterMap.All, r => Assert.Equal(0UL, r.W1cMask));
        Assert.DoesNotContain(Smmuv3RegisterMap.All.SelectMany(r => r.Fields), f => f.Access == FieldAccess.W1C);
    }

    [Fact]
    public void ModifyOnAnSmmuv3RegisterAppliesTheChangeToTheCurrentValue()
    {
        var cr0 = new Cr0(0xD);
        Assert.Equal(new Cr0(0x1D), cr0.Modify(c => c.WithAtschk(true)));
        Assert.Equal(new Cr0(0xD), Register.Modify(cr0, c => c));
        Assert.Equal(new Cr0(0xC), Register.Modify(cr0, c => c.WithSmmuen(false)));
        Assert.Throws<ArgumentNullException>(() => Register.Modify(cr0, null!));
    }

    [Theory]
    [MemberData(nameof(GeneratedRegisterTests.Registers), MemberType = typeof(GeneratedRegisterTests))]
    public void ModifyKeepsEveryBitOfAnSmmuv3Register(string register) =>
        typeof(RegisterOperationTests).GetMethod(nameof(CheckModifyKeepsBits), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(GeneratedRegisterTests.RegisterType(GeneratedRegisterTests.Register(register)))
            .Invoke(null, BindingFlags.DoNotWrapExceptions, null, [], CultureInfo.InvariantCulture);

    private static void CheckModifyKeepsBits<T>()
        where T : struct, IRegister<T>
    {
        foreach (var p in Patterns)
        {
            var value = T.FromBits(p);
            Assert.Equal(value.Bits, Register.Modify(value, v => v).Bits);
        }
    }

    [Theory]
    [MemberData(nameof(GeneratedRegisterTests.Registers), MemberType = typeof(GeneratedRegisterTests))]
    public void ApplyWriteKeepsReadOnlyAndReservedBitsAndReplacesWritableOnes(string register)
    {
        var info = GeneratedRegisterTests.Register(register);
        foreach (var current in Patterns.Select(p => p & info.WidthMask))
        {
            foreach (var written in Patterns)
            {
                var next = Register.ApplyWrite(info, current, written);
                var where = $"{info.Name}: 0x{written:X} written over 0x{current:X} gave 0x{next:X}";
                Assert.True((((current & ~info.WritableMask) | (written & info.WritableMask)) & info.WidthMask) == next, where);
                Assert.True((next & info.ReservedMask) == (current & info.ReservedMask), where + " (reserved bits)");
                foreach (var f in info.Fields)
                {
                    var expected = f.Access is FieldAccess.RW or FieldAccess.WO ? f.Extract(written) : f.Extract(current);
                    Assert.True(expected == f.Extract(next), $"{where} ({f.Name}, {f.Access})");
                }
            }
        }
    }

    [Fact]
    public void ModifyWritesW1cBitsThatReadAsOneBackAsZero()
    {
        var current = W1cStatus.FromBits(W1cStatus.Enable | W1cStatus.Error | W1cStatus.Overflow | W1cStatus.IdBits);

        // Turning EN off must not acknowledge ERR or OVF by writing their 1s back.
        var written = Register.Modify(current, r => r.With(W1cStatus.Enable, false));
        Assert.Equal(W1cStatus.IdBits, written.Bits);
        Assert.Equal(W1cStatus.IdBits | W1cStatus.Error | W1cStatus.Overflow, Register.ApplyWrite(W1cStatus.Info, current.Bits, written.Bits));

        // A change that sets a W1C bit on purpose keeps it.
        var ack = Register.Modify(current, r => r.With(W1cStatus.Error, true));
        Assert.Equal(W1cStatus.IdBits | W1cStatus.Enable | W1cStatus.Error, ack.Bits);
        Assert.Equal(W1cStatus.IdBits | W1cStatus.Enable | W1cStatus.Overflow, Register.ApplyWrite(W1cStatus.Info, current.Bits, ack.Bits));

        // What Modify prevents: writing the value read back clears every pending W1C bit.
        Assert.Equal(W1cStatus.IdBits, Register.ApplyWrite(W1cStatus.Info, current.Bits, current.With(W1cStatus.Enable, false).Bits));
    }

    [Fact]
    public void ApplyWriteOnAConstructedRegisterFollowsEachBitsAccess()
    {
        var info = W1cStatus.Info;
        MetadataChecks.AssertConsistent(info);

        const ulong reserved = 0x00F0_0080UL;
        var current = W1cStatus.Error | W1cStatus.Overflow | W1cStatus.IdBits | reserved;

        // RW takes the written value, W1C clears where 1 is written, RO and reserved bits keep theirs.
        Assert.Equal(W1cStatus.Enable | W1cStatus.Overflow | W1cStatus.IdBits | reserved, Register.ApplyWrite(info, current, W1cStatus.Enable | W1cStatus.Error));
        Assert.Equal(current, Register.ApplyWrite(info, current, 0));
        Assert.Equal(W1cStatus.Enable | W1cStatus.IdBits | reserved, Register.ApplyWrite(info, current, 0xFFFF_FFFFUL));

        // Nothing survives above the width.
        Assert.Equal(0UL, Register.ApplyWrite(info, 0x1_0000_0000UL, 0xFFFF_FFFF_0000_0000UL));
        Assert.Throws<ArgumentNullException>(() => Register.ApplyWrite(null!, 0, 0));
    }

    /// <summary>A register the SMMUv3 does not have: EN (RW), ERR and OVF (W1C), ID (RO).</summary>
    private readonly struct W1cStatus : IRegister<W1cStatus>
    {
        public const ulong Enable = 0x1;
        public const ulong Error = 0x2;
        public const ulong Overflow = 0x4;
        public const ulong IdBits = 0xAB00;

        private W1cStatus(ulong bits) => Bits = bits;

        public static RegisterInfo Info { get; } = new RegisterInfo
        {
            Name = "TEST_STATUS",
            TypeName = nameof(W1cStatus),
            Page = 0,
            Offset = 0x10,
            Width = 32,
            ResetValue = 0,
            ResetImpdefMask = 0,
            ResetAllowed = [],
            WritableMask = Enable | Error | Overflow,
            ReservedMask = 0xFFFF_00F8UL,
            Res1Mask = 0,
            W1cMask = Error | Overflow,
            SelfClearMask = 0,
            Fields =
            [
                new FieldInfo("EN", "En", 0, 1, FieldAccess.RW, false, false, [], null, null, null),
                new FieldInfo("ERR", "Err", 1, 1, FieldAccess.W1C, false, false, [], null, null, null),
                new FieldInfo("OVF", "Ovf", 2, 1, FieldAccess.W1C, false, false, [], null, null, null),
                new FieldInfo("ID", "Id", 8, 8, FieldAccess.RO, false, false, [], null, null, null),
            ],
        };

        public ulong Bits { get; }

        public static W1cStatus FromBits(ulong bits) => new(bits & 0xFFFF_FFFFUL);

        public W1cStatus With(ulong mask, bool set) => new(set ? Bits | mask : Bits & ~mask);

        public bool Equals(W1cStatus other) => Bits == other.Bits;

        public override bool Equals(object? obj) => obj is W1cStatus other && Equals(other);

        public override int GetHashCode() => Bits.GetHashCode();
    }
}

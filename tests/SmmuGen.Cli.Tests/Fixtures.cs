namespace SmmuGen.Cli.Tests;

/// <summary>Small spec files the tests write into a <see cref="SpecWorkspace"/>.</summary>
internal static class Fixtures
{
    /// <summary>Valid: an ID register, IMPDEF resets, a page-1 register listed first, fields out of bit order.</summary>
    public const string Valid = """
        name: Demo
        namespace: Demo.Device
        registers:
          - name: DOORBELL
            page: 1
            offset: 0xA8
            width: 64
            reset: 0x0
            fields:
              - { name: ADDR, bits: "51:2", access: RW, address: true }
          - name: IDR
            offset: 0x0
            width: 32
            reset: impdef
            fields:
              - { name: VERSION, bits: "7:0", access: RO }
          - name: CTRL
            offset: 0x20
            width: 32
            reset: 0x0
            fields:
              - { name: EN,   bits: 0,     access: RW }
              - { name: IRQ,  bits: 31,    access: W1C }
              - { name: MODE, bits: "3:1", access: RW, enum: { OFF: 0, FAST: 1, SLOW: 2 } }
          - name: BYPASS
            offset: 0x44
            width: 32
            reset: { value: 0x0, impdef: [ABORT], allowed: [0x0, 0x100000] }
            fields:
              - { name: ABORT, bits: 20, access: RW }
        """;

    /// <summary>One error: MODE (line 10) overlaps EN.</summary>
    public const string Overlap = """
        name: Broken
        namespace: Demo.Broken
        registers:
          - name: CTRL
            offset: 0x0
            width: 32
            reset: 0x0
            fields:
              - { name: EN,   bits: "1:0", access: RW }
              - { name: MODE, bits: "3:1", access: RW }
        """;

    /// <summary>One warning, no error: a waiver that waives nothing.</summary>
    public const string UnusedWaiver = """
        name: Waived
        namespace: Demo.Waived
        registers:
          - name: STATUS
            offset: 0x4
            width: 32
            reset: 0x0
            waivers:
              - { id: SMMUGEN011, reason: "no alias here" }
            fields:
              - { name: BUSY, bits: 0, access: RO }
        """;

    /// <summary>Not YAML at all.</summary>
    public const string Malformed = """
        name: Bad
        registers: [ { name: X
        """;

    /// <summary>A minimal valid file with one register named <paramref name="register"/>.</summary>
    public static string Single(string name, string register) => $$"""
        name: {{name}}
        namespace: Demo.{{name}}
        registers:
          - name: {{register}}
            offset: 0x0
            width: 32
            reset: 0x0
            fields:
              - { name: BIT, bits: 0, access: RW }
        """;
}

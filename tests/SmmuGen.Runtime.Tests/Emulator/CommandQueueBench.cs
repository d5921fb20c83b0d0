using SmmuGen.Emulator;
using SmmuGen.Memory;
using SmmuGen.Smmuv3;

namespace SmmuGen.Runtime.Tests.Emulator;

/// <summary>
/// A driver's view of the Command queue: an <see cref="Smmu"/> over guest memory, the queue
/// programmed through MMIO with the generated register types, and commands written into guest
/// memory as generated <see cref="Cmd"/> records.
/// </summary>
internal sealed class CommandQueueBench
{
    public const ulong QueueAddress = 0x4000_0000;

    private uint _prod;

    /// <param name="options">The implementation; the defaults when null.</param>
    /// <param name="log2Size">CMDQ_BASE.LOG2SIZE.</param>
    /// <param name="mode">When commands are consumed.</param>
    /// <param name="enable">Enable the queue (CR0.CMDQEN) at once.</param>
    /// <param name="smmuEnabled">Also set CR0.SMMUEN when enabling: CMD_ATC_INV and CMD_PRI_RESP are IGNORED without it (IHI 0070 4.5).</param>
    /// <param name="baseAddress">CMDQ_BASE.ADDR as programmed (the SMMU aligns it to the queue size).</param>
    public CommandQueueBench(
        SmmuOptions? options = null,
        int log2Size = 4,
        CommandProcessing mode = CommandProcessing.Immediate,
        bool enable = true,
        bool smmuEnabled = false,
        ulong baseAddress = QueueAddress)
    {
        Log2Size = log2Size;
        SmmuEnabled = smmuEnabled;
        Smmu = new Smmu(Memory, Sink, options, Invalidation, Stalls) { CommandProcessing = mode };
        Write(new CmdqBase(0).WithAddr(baseAddress).WithLog2size((byte)log2Size));
        if (enable)
        {
            Enable();
        }
    }

    public Smmu Smmu { get; }

    public GuestMemory Memory { get; } = new();

    public RecordingInterruptSink Sink { get; } = new();

    public RecordingTranslationInvalidation Invalidation { get; } = new();

    public RecordingStallAndPri Stalls { get; } = new();

    public int Log2Size { get; }

    public bool SmmuEnabled { get; }

    public CmdqCons Cons => Read<CmdqCons>();

    /// <summary>CONS.RD as a plain index plus wrap flag, for comparisons.</summary>
    public uint ConsRd => Cons.Rd;

    public bool CommandErrorActive => ((Read<Gerror>().Raw ^ Read<Gerrorn>().Raw) & Gerror.CmdqErrMask) != 0;

    public bool MsiAbortActive => ((Read<Gerror>().Raw ^ Read<Gerrorn>().Raw) & Gerror.MsiCmdqAbtErrMask) != 0;

    public void Enable() => Write(new Cr0(0).WithCmdqen(true).WithSmmuen(SmmuEnabled));

    public void Disable() => Write(new Cr0(0).WithSmmuen(SmmuEnabled));

    /// <summary>The guest address of queue slot <paramref name="index"/> (without the wrap flag), at the aligned base <see cref="QueueAddress"/>.</summary>
    public ulong SlotAddress(uint index) => QueueAddress + ((index & ((1u << Log2Size) - 1)) * (ulong)Cmd.Size);

    /// <summary>Writes the commands at PROD and publishes them with one CMDQ_PROD write.</summary>
    public void Submit(params Cmd[] commands)
    {
        foreach (var c in commands)
        {
            Memory.WriteRecord(SlotAddress(_prod), c);
            _prod = (_prod + 1) & ((2u << Log2Size) - 1);
        }

        Write(new CmdqProd(0).WithWr(_prod));
    }

    /// <summary>Rewrites PROD with its current value (a "kick" that adds nothing).</summary>
    public void Kick() => Write(new CmdqProd(0).WithWr(_prod));

    /// <summary>Acknowledges every active global error, as Linux's GERROR handler does (GERRORN := GERROR).</summary>
    public void AcknowledgeGlobalErrors() => Write(new Gerrorn(Read<Gerror>().Raw));

    public T Read<T>()
        where T : struct, IRegister<T> => Smmu.Read<T>();

    public void Write<T>(T value)
        where T : struct, IRegister<T> => Smmu.Write(value);
}

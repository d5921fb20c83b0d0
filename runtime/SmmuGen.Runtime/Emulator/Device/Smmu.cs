using System;
using SmmuGen.Memory;
using SmmuGen.Smmuv3;

namespace SmmuGen.Emulator;

/// <summary>
/// The emulated SMMUv3 device as a driver sees it: the MMIO register file, the guest memory it
/// reaches by DMA (queues, tables, MSIs), its interrupt outputs, and the Command queue consumer.
/// </summary>
/// <remarks>
/// <para>Concurrency model. The driver side: one lock serialises every MMIO access and all command
/// processing, so a register write and the commands it triggers are one atomic step to other
/// threads, as a single in-order SMMU command processor is. Callbacks (<see cref="IInterruptSink"/>,
/// <see cref="ITranslationInvalidation"/>, <see cref="IStallAndPri"/>) run under that lock: they
/// must not call back into MMIO from another thread and wait for it. The device side:
/// <see cref="Translate"/> runs on any number of threads without that lock — it reads registers
/// (each read is single-copy atomic), the lock-free <see cref="ConfigurationCache"/> and guest
/// memory — and takes the lock only to put an event record on the Event queue
/// (<see cref="RecordEvent"/>). A transaction racing with a register write sees the state from
/// before or after it, never a mix; a configuration fetched before a CMD_CFGI_* is never cached
/// after it (see <see cref="ConfigurationCache"/>).</para>
/// <para>With <see cref="CommandProcessing.Immediate"/> (the default) commands are consumed inside
/// the MMIO write that makes them available; with <see cref="CommandProcessing.Manual"/> they stay
/// pending until <see cref="ProcessCommands"/>.</para>
/// </remarks>
public sealed partial class Smmu
{
    private readonly object _lock = new();
    private readonly InterruptController _interruptController;
    private readonly CommandFieldMask _commandFields;

    // A CMD_ATC_INV since the last CMD_SYNC was not completed by its endpoint (IHI 0070 3.9.1.4).
    private bool _atcInvalidationFailed;

    /// <summary>Creates a device and resets it.</summary>
    /// <param name="memory">The guest physical address space.</param>
    /// <param name="interrupts">Where wired interrupts and wake-up events go.</param>
    /// <param name="options">The implementation's choices; the defaults when null.</param>
    /// <param name="translationInvalidation">Receives TLBI and ATC_INV commands; when null, the translation engine does if it can (the built-in <see cref="Emulator.TranslationEngine"/> does).</param>
    /// <param name="stallAndPri">Receives RESUME, STALL_TERM and PRI_RESP; null when no stall/PRI model is attached.</param>
    /// <param name="translationEngine">Translates for STEs that enable a stage; when null, a <see cref="Emulator.TranslationEngine"/> for <paramref name="options"/>.</param>
    /// <exception cref="ArgumentException">The options describe no possible implementation.</exception>
    public Smmu(
        GuestMemory memory,
        IInterruptSink interrupts,
        SmmuOptions? options = null,
        ITranslationInvalidation? translationInvalidation = null,
        IStallAndPri? stallAndPri = null,
        ITranslationEngine? translationEngine = null)
    {
        ArgumentNullException.ThrowIfNull(memory);
        ArgumentNullException.ThrowIfNull(interrupts);
        Memory = memory;
        Interrupts = interrupts;
        Registers = new SmmuRegisterFile(options);
        TranslationEngine = translationEngine ?? new TranslationEngine(options);
        TranslationInvalidation = translationInvalidation ?? TranslationEngine as ITranslationInvalidation;
        StallAndPri = stallAndPri;
        _interruptController = new InterruptController(Registers, memory, interrupts);
        Registers.Cr0Updated += (previous, next) =>
        {
            if (previous.Smmuen && !next.Smmuen)
            {
                TerminateAllStalls();
            }
        };
        _commandFields = CommandFieldMask.For(Registers.Ids);
        EventQueue = new EventQueue(Registers, memory, _interruptController);
        PriQueue = new PriQueue(Registers, memory, _interruptController);
        Registers.ResetCompleted += OnRegistersReset;
    }

    /// <summary>The Event queue the device writes event records to (IHI 0070 7.2).</summary>
    public EventQueue EventQueue { get; }

    /// <summary>The PRI queue the device writes page requests to (IHI 0070 8).</summary>
    public PriQueue PriQueue { get; }

    /// <summary>The implementation's options.</summary>
    public SmmuOptions Options => Registers.Options;

    /// <summary>The register file. Access it through the device's MMIO methods so command processing follows.</summary>
    public SmmuRegisterFile Registers { get; }

    /// <summary>The guest physical address space.</summary>
    public GuestMemory Memory { get; }

    /// <summary>Where wired interrupts and wake-up events go.</summary>
    public IInterruptSink Interrupts { get; }

    /// <summary>The STE/CD cache the CMD_CFGI_* commands invalidate.</summary>
    public ConfigurationCache ConfigurationCache { get; } = new();

    /// <summary>Receives TLBI and ATC_INV commands, or null.</summary>
    public ITranslationInvalidation? TranslationInvalidation { get; }

    /// <summary>Translates for STEs that enable a stage.</summary>
    public ITranslationEngine TranslationEngine { get; }

    /// <summary>Receives RESUME, STALL_TERM and PRI_RESP commands and automatic PRG responses, or null.</summary>
    public IStallAndPri? StallAndPri { get; }

    /// <summary>When commands are consumed; switching to <see cref="CommandProcessing.Immediate"/> does not by itself consume pending ones.</summary>
    public CommandProcessing CommandProcessing { get; set; }

    /// <summary>A 32-bit MMIO load.</summary>
    public uint Read32(int page, ulong offset)
    {
        lock (_lock)
        {
            return Registers.Read32(page, offset);
        }
    }

    /// <summary>A 64-bit MMIO load.</summary>
    public ulong Read64(int page, ulong offset)
    {
        lock (_lock)
        {
            return Registers.Read64(page, offset);
        }
    }

    /// <summary>A 32-bit MMIO store; may consume commands (see <see cref="CommandProcessing"/>).</summary>
    public void Write32(int page, ulong offset, uint value)
    {
        lock (_lock)
        {
            Registers.Write32(page, offset, value);
            AfterWrite(page, offset);
        }
    }

    /// <summary>A 64-bit MMIO store; may consume commands (see <see cref="CommandProcessing"/>).</summary>
    public void Write64(int page, ulong offset, ulong value)
    {
        lock (_lock)
        {
            Registers.Write64(page, offset, value);
            AfterWrite(page, offset);
        }
    }

    /// <summary>
    /// Resets the device as a power-on reset does: every register to its reset value
    /// (<see cref="SmmuRegisterFile.Reset"/>), which leaves the queues disabled, no global error
    /// active (so neither output queue is stopped by an abort) and no command error outstanding;
    /// the outcome of CMD_ATC_INVs not yet synchronised is forgotten, stalled transactions are
    /// dropped and the configuration cache is emptied.
    /// </summary>
    public void Reset()
    {
        lock (_lock)
        {
            Registers.Reset();

            // A reset ends every stall (the transactions are lost, as on hardware) and empties the caches.
            _stalls?.Clear();
            _pendingStallRecords.Clear();
            ConfigurationCache.InvalidateAll();
        }
    }

    /// <summary>
    /// Consumes up to <paramref name="maxCommands"/> commands from CMDQ_CONS towards CMDQ_PROD, as
    /// the SMMU does while CR0ACK.CMDQEN is set and no command error is outstanding. Returns how
    /// many commands completed (a command that fails is not counted: CONS stays on it).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxCommands"/> is negative.</exception>
    public int ProcessCommands(int maxCommands = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxCommands);
        lock (_lock)
        {
            return Consume(maxCommands);
        }
    }

    /// <summary>
    /// The CMD_SYNC SIG_IRQ completion signal (IHI 0070 4.7.3, 3.18): an MSI (MSIData written to
    /// MSIAddress) when MSIs exist and the address is non-zero, otherwise the wired CMD_SYNC
    /// interrupt. IRQ_CTRL has no enable for the CMD_SYNC interrupt (IHI 0070 6.3.16: it gates only
    /// GERROR, PRI queue and Event queue interrupts), so nothing gates it here.
    /// </summary>
    internal void SignalSyncInterrupt(ulong msiAddress, uint msiData)
    {
        if (Registers.Ids.Idr0.Msi && msiAddress != 0)
        {
            if (!Memory.TryWriteUInt32(msiAddress, msiData).IsSuccess)
            {
                // IHI 0070 6.3.19: an aborted CMD_SYNC MSI write is reported as GERROR.MSI_CMDQ_ABT_ERR;
                // the CMD_SYNC itself still completes.
                RaiseGlobalError(Gerror.MsiCmdqAbtErrMask);
            }

            return;
        }

        Interrupts.Raise(InterruptLine.CmdSync);
    }

    private void AfterWrite(int page, ulong offset)
    {
        // Kept stall records go out as soon as software makes room in (or enables) the Event queue.
        if (_pendingStallRecords.Count != 0)
        {
            FlushStallRecords();
        }

        if (CommandProcessing != CommandProcessing.Immediate || Smmuv3RegisterMap.FindContaining(page, offset) is not { } r)
        {
            return;
        }

        // The writes that can make commands consumable: new commands (CMDQ_PROD), the queue being
        // enabled (CR0.CMDQEN), and a command error being acknowledged (GERRORN.CMDQ_ERR, IHI 0070 7.1).
        if (ReferenceEquals(r, CmdqProd.Info) || ReferenceEquals(r, Cr0.Info) || ReferenceEquals(r, Gerrorn.Info))
        {
            Consume(int.MaxValue);
        }
    }

    private bool CommandErrorActive =>
        ((Registers.Peek(Gerror.Info) ^ Registers.Peek(Gerrorn.Info)) & Gerror.CmdqErrMask) != 0;

    private int Consume(int maxCommands)
    {
        // IHI 0070 6.3.9/6.3.10: the queue is processed while CR0ACK.CMDQEN reports it enabled.
        // IHI 0070 7.1: after a command error the SMMU consumes nothing until software acknowledges
        // GERROR.CMDQ_ERR through GERRORN; it then resumes from CMDQ_CONS.
        if (!new Cr0ack((uint)Registers.Peek(Cr0ack.Info)).Cmdqen || CommandErrorActive)
        {
            return 0;
        }

        var queueBase = new CmdqBase(Registers.Peek(CmdqBase.Info));

        // IHI 0070 6.3.26: LOG2SIZE above IDR1.CMDQS behaves as IDR1.CMDQS; the register file
        // already clamps it on every write, as the Event and PRI queues rely on too. The base is
        // aligned to the queue size, as for the output queues.
        var queue = new QueueGeometry(queueBase.Log2size);
        var baseAddress = queue.AlignedBase(queueBase.Raw, CmdqBase.AddrMask, Cmd.Size);
        var executor = new CommandExecutor(this);
        var done = 0;
        while (done < maxCommands)
        {
            var cons = new CmdqCons((uint)Registers.Peek(CmdqCons.Info));
            var prod = new CmdqProd((uint)Registers.Peek(CmdqProd.Info));
            var rd = cons.Rd & queue.PointerMask;
            if (queue.IsEmpty(prod.Wr, rd))
            {
                break;
            }

            var address = baseAddress + (queue.Slot(rd) * (ulong)Cmd.Size);
            if (!Memory.TryReadRecord<Cmd>(address, out var command).IsSuccess)
            {
                Fail(cons, CmdqConsErr.CerrorAbt); // IHI 0070 7.1: an abort fetching the command
                break;
            }

            // IHI 0070 4.1.5: a non-zero RES0 bit makes the command malformed (see CommandFieldMask).
            var error = _commandFields.HasReservedBitsSet(command)
                ? CmdqConsErr.CerrorIll
                : command.Accept<CommandExecutor, CmdqConsErr>(ref executor);
            if (error != CmdqConsErr.CerrorNone)
            {
                Fail(cons, error);
                break;
            }

            Registers.Poke(CmdqCons.Info, cons.WithRd((uint)queue.Next(rd)).Raw);
            done++;
        }

        return done;
    }

    /// <summary>
    /// IHI 0070 7.1: a command error leaves CMDQ_CONS pointing at the failing command with the
    /// reason in CMDQ_CONS.ERR, and activates GERROR.CMDQ_ERR.
    /// </summary>
    private void Fail(CmdqCons cons, CmdqConsErr error)
    {
        Registers.Poke(CmdqCons.Info, cons.WithErr(error).Raw);
        RaiseGlobalError(Gerror.CmdqErrMask);
    }

    /// <summary>Remembers that a CMD_ATC_INV did not complete, for the next CMD_SYNC.</summary>
    internal void NoteAtcInvalidationFailure() => _atcInvalidationFailed = true;

    /// <summary>
    /// Whether a CMD_ATC_INV since the last CMD_SYNC did not complete; the failure is reported
    /// once. IHI 0070 4.7.3: after CERROR_ATC_INV_SYNC the timed-out invalidations "will never
    /// complete", so nothing remains for the CMD_SYNC to wait for: when software acknowledges the
    /// error, the CMD_SYNC is re-fetched from CONS (7.1) and completes, which is what Linux's
    /// arm_smmu_cmdq_skip_err relies on when it retries the CMD_SYNC.
    /// </summary>
    internal bool TakeAtcInvalidationFailure()
    {
        var failed = _atcInvalidationFailed;
        _atcInvalidationFailed = false;
        return failed;
    }

    private void OnRegistersReset() => _atcInvalidationFailed = false;

    // Raising GERROR also signals the GERROR interrupt (wired or MSI) when IRQ_CTRL enables it.
    private void RaiseGlobalError(uint errors) => _interruptController.RaiseGlobalError(errors);
}

using System;
using SmmuGen.Memory;
using SmmuGen.Smmuv3;

namespace SmmuGen.Emulator;

/// <summary>
/// The SMMU's interrupt outputs for the Event queue, PRI queue and GERROR (IHI 0070 3.18): a
/// source enabled in IRQ_CTRLACK is signalled by an MSI when the implementation has MSIs and the
/// source's IRQ_CFG0.ADDR is non-zero (a 32-bit write of IRQ_CFG1.DATA to that address), and
/// otherwise by pulsing its wired line on <see cref="Sink"/>. A failed MSI write becomes the
/// source's GERROR.MSI_*_ABT_ERR.
/// </summary>
public sealed class InterruptController
{
    private readonly SmmuRegisterFile _registers;
    private readonly GuestMemory _memory;

    /// <summary>Creates the interrupt outputs of the SMMU whose registers are <paramref name="registers"/>.</summary>
    public InterruptController(SmmuRegisterFile registers, GuestMemory memory, IInterruptSink sink)
    {
        ArgumentNullException.ThrowIfNull(registers);
        ArgumentNullException.ThrowIfNull(memory);
        ArgumentNullException.ThrowIfNull(sink);
        _registers = registers;
        _memory = memory;
        Sink = sink;
    }

    /// <summary>
    /// Where wired interrupts and wake-up events go. CMD_SYNC completion, which carries its own
    /// MSI fields, signals through here directly (<see cref="InterruptLine.CmdSync"/>, SendEvent).
    /// </summary>
    public IInterruptSink Sink { get; }

    /// <summary>
    /// Raises global errors (IHI 0070 6.3.19) and, when any became active, signals the GERROR
    /// interrupt. Returns the bits actually raised.
    /// </summary>
    internal uint RaiseGlobalError(uint errors)
    {
        var raised = _registers.RaiseGlobalError(errors);
        if (raised != 0)
        {
            Signal(InterruptLine.GlobalError);
        }

        return raised;
    }

    /// <summary>
    /// Signals <paramref name="line"/> (Event queue, PRI queue or GERROR) if IRQ_CTRLACK enables
    /// it. Returns whether an interrupt was sent (an aborted MSI counts as not sent).
    /// </summary>
    internal bool Signal(InterruptLine line)
    {
        var ack = new IrqCtrlack((uint)_registers.Peek(IrqCtrlack.Info));
        var r = _registers;
        var (enabled, address, data, msiAbort) = line switch
        {
            InterruptLine.EventQueue => (ack.EventqIrqen, new EventqIrqCfg0(r.Peek(EventqIrqCfg0.Info)).Addr,
                new EventqIrqCfg1((uint)r.Peek(EventqIrqCfg1.Info)).Data, Gerror.MsiEventqAbtErrMask),
            InterruptLine.PriQueue => (ack.PriqIrqen, new PriqIrqCfg0(r.Peek(PriqIrqCfg0.Info)).Addr,
                new PriqIrqCfg1((uint)r.Peek(PriqIrqCfg1.Info)).Data, Gerror.MsiPriqAbtErrMask),
            InterruptLine.GlobalError => (ack.GerrorIrqen, new GerrorIrqCfg0(r.Peek(GerrorIrqCfg0.Info)).Addr,
                new GerrorIrqCfg1((uint)r.Peek(GerrorIrqCfg1.Info)).Data, Gerror.MsiGerrorAbtErrMask),
            _ => throw new ArgumentOutOfRangeException(nameof(line), line, "CMD_SYNC interrupts are signalled by the command queue."),
        };
        if (!enabled)
        {
            return false;
        }

        if (!r.Options.Msi || address == 0)
        {
            // IHI 0070 3.18: with no MSI (not implemented, or ADDR zero) the wired interrupt is used.
            Sink.Raise(line);
            return true;
        }

        if (_memory.TryWriteUInt32(address, data).IsAbort)
        {
            // IHI 0070 6.3.19: MSI_*_ABT_ERR. For the GERROR MSI itself the error is recorded but
            // not signalled again: its only interrupt is the one that just failed.
            if (line == InterruptLine.GlobalError)
            {
                _registers.RaiseGlobalError(msiAbort);
            }
            else
            {
                RaiseGlobalError(msiAbort);
            }

            return false;
        }

        return true;
    }
}

namespace Tolerance.Contracts;

/// <summary>容错清单的处理方式, from most to least favourable to the enterprise.</summary>
public enum ToleranceOutcome { NoPenalty, NoCompulsoryMeasure, MitigatedPenalty, LighterPenalty }

/// <summary>What was decided of a finding against the tolerance list.</summary>
public enum DecisionKind { Tolerated, ConditionallyTolerated, NotTolerated }

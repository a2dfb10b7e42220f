namespace Supervision.Contracts;

/// <summary>What a supervision card (监督卡) reports.</summary>
public enum CardType
{
    /// <summary>吃拿卡要: demands for favours, meals, fees or gifts.</summary>
    Misconduct,
    /// <summary>态度粗暴: rude or overbearing conduct.</summary>
    RudeConduct,
    /// <summary>未备案检查: an inspection without a filing.</summary>
    UnfiledInspection,
    /// <summary>合理诉求: a reasonable demand of the enterprise.</summary>
    ReasonableDemand,
}

/// <summary>Where a card came from: written by an enterprise online, opened from filing's events, or
/// received by the office on paper, by phone or at a 政企面对面 meeting and entered by it.</summary>
public enum CardSource { Enterprise, Refusal, BackfillOverdue, Paper, Phone, FaceToFaceMeeting }

/// <summary>Why a case is overdue: no weekly update (每周更新), its deadline passed (限期落实), or it waited
/// too long to be sent for sign-off (送签) or for the leader's instruction (批示).</summary>
public enum OverdueReason { NoWeeklyUpdate, DeadlinePassed, SignOffWaiting, InstructionWaiting }

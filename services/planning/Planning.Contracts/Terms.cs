namespace Planning.Contracts;

/// <summary>Who ordered the inspection (中央/省/市要求、县级自主开展); the order is precedence (Central first).</summary>
public enum MandateLevel { Central, Provincial, Municipal, County }

/// <summary>日常/专业性/季节性/节假日/综合性检查.</summary>
public enum InspectionCategory { Routine, Specialized, Seasonal, Holiday, Comprehensive }

/// <summary>An enterprise's risk level in the registry.</summary>
public enum RiskLevel { Low, Medium, High }

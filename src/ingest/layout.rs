//! The column layouts departments send, as static data.
//!
//! Each layout is a slice of [`Field`]s; a field's position in that slice is
//! its identity, exposed as a per-layout enum (`PenaltyField::DecisionNo`, …)
//! that converts into a [`FieldId`]. A header map then answers "which column
//! holds this field" by indexing a vector, so per-row access costs nothing.

use std::fmt;
use std::str::FromStr;

/// Whether a column must be present in a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Required {
    /// The column must be present and every row must fill it.
    Yes,
    /// The column may be absent.
    No,
    /// Required or not depending on other values in the row (the subject's
    /// kind, whether a code is the placeholder); row validation checks it.
    Conditional,
}

/// One column of a layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    /// Our snake_case name, also accepted as a header.
    pub name: &'static str,
    /// The full Chinese name, including any parenthesised part.
    pub chinese: &'static str,
    /// The national field code such as `CF_XDR_MC`; empty when there is none.
    pub code: &'static str,
    /// Whether the column must be present.
    pub required: Required,
    /// Other header spellings seen in real files.
    pub aliases: &'static [&'static str],
}

/// Which layout a [`FieldId`] belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LayoutId {
    /// 行政处罚
    Penalty,
    /// 行政许可
    License,
    /// The registration authorities' register of subjects.
    Subjects,
    /// Old code to USCC mappings.
    Mappings,
}

/// A field of a particular layout; obtained from a layout's field enum.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FieldId {
    layout: LayoutId,
    index: u16,
}

impl FieldId {
    /// The layout this field belongs to.
    pub fn layout(self) -> LayoutId {
        self.layout
    }

    /// The field's position in its layout's `fields` slice.
    pub fn index(self) -> usize {
        usize::from(self.index)
    }
}

/// A column layout: its fields in the order of the national table.
#[derive(Debug)]
pub struct Layout {
    /// Which layout this is.
    pub id: LayoutId,
    /// Short English name used in messages and options.
    pub name: &'static str,
    /// Chinese name of the kind of file.
    pub chinese: &'static str,
    /// The `credit import` subcommand that reads this kind of file.
    pub command: &'static str,
    /// The fields, in table order; a field's index is its [`FieldId`].
    pub fields: &'static [Field],
    /// Groups of fields of which at least one must be present as a column.
    pub one_of: &'static [&'static [FieldId]],
}

impl Layout {
    /// The field with this snake_case name.
    pub fn field_id(&self, name: &str) -> Option<FieldId> {
        let index = self.fields.iter().position(|f| f.name == name)?;
        Some(self.id_at(index))
    }

    /// The description of field `id`, which must belong to this layout.
    pub fn field(&self, id: FieldId) -> &'static Field {
        debug_assert_eq!(id.layout, self.id, "field of another layout");
        &self.fields[id.index()]
    }

    pub(crate) fn id_at(&self, index: usize) -> FieldId {
        FieldId {
            layout: self.id,
            index: u16::try_from(index).expect("layouts have few fields"),
        }
    }
}

/// The two kinds of 双公示 record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RecordKind {
    /// 行政处罚
    Penalty,
    /// 行政许可
    License,
}

impl RecordKind {
    /// The column layout files of this kind arrive in.
    pub fn layout(self) -> &'static Layout {
        match self {
            RecordKind::Penalty => &PENALTY,
            RecordKind::License => &LICENSE,
        }
    }

    /// Stable snake_case name for storage and options.
    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::Penalty => "penalty",
            RecordKind::License => "license",
        }
    }

    /// Chinese name.
    pub fn chinese(self) -> &'static str {
        match self {
            RecordKind::Penalty => "行政处罚",
            RecordKind::License => "行政许可",
        }
    }
}

impl fmt::Display for RecordKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for RecordKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim() {
            "penalty" | "penalties" | "行政处罚" | "处罚" => Ok(RecordKind::Penalty),
            "license" | "licence" | "licenses" | "licences" | "行政许可" | "许可" => {
                Ok(RecordKind::License)
            }
            other => Err(format!(
                "'{other}' is not a record kind (allowed: penalty, license)"
            )),
        }
    }
}

/// Declares a layout's field enum and its field table from one list, so the
/// enum's discriminants and the table's order cannot drift apart.
macro_rules! fields {
    (
        $(#[$meta:meta])*
        $Enum:ident, $TABLE:ident, $layout:expr;
        $( $Var:ident: $name:literal, $chinese:literal, $code:literal, $req:ident
           $(, [$($alias:literal),* $(,)?])? ; )*
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $Enum {
            $( #[doc = $chinese] $Var, )*
        }

        impl $Enum {
            /// Every field, in table order.
            pub const ALL: &'static [$Enum] = &[$($Enum::$Var,)*];

            /// The field's description.
            pub fn field(self) -> &'static Field {
                &$TABLE[self as usize]
            }

            /// Our snake_case name of the field.
            pub fn name(self) -> &'static str {
                self.field().name
            }
        }

        impl From<$Enum> for FieldId {
            fn from(f: $Enum) -> FieldId {
                FieldId { layout: $layout, index: f as u16 }
            }
        }

        static $TABLE: &[Field] = &[
            $( Field {
                name: $name,
                chinese: $chinese,
                code: $code,
                required: Required::$req,
                aliases: &[$($($alias),*)?],
            }, )*
        ];
    };
}

fields! {
    /// The 30 columns of a 行政处罚 file.
    PenaltyField, PENALTY_FIELDS, LayoutId::Penalty;
    SubjectName: "subject_name", "行政相对人名称", "CF_XDR_MC", Yes;
    SubjectKind: "subject_kind", "行政相对人类别", "CF_XDR_LB", Yes;
    Uscc: "uscc", "行政相对人代码_1(统一社会信用代码)", "CF_XDR_SHXYM", Conditional,
        ["统一社会信用代码", "行政相对人代码-统一社会信用代码"];
    RegNo: "reg_no", "行政相对人代码_2(工商注册号)", "CF_XDR_GSZC", Conditional,
        ["工商注册号", "行政相对人代码-工商注册号"];
    OrgCode: "org_code", "行政相对人代码_3(组织机构代码)", "CF_XDR_ZZJG", Conditional,
        ["组织机构代码", "行政相对人代码-组织机构代码"];
    TaxNo: "tax_no", "行政相对人代码_4(税务登记号)", "CF_XDR_SWDJ", Conditional,
        ["税务登记号", "行政相对人代码-税务登记号"];
    InstitutionNo: "institution_no", "行政相对人代码_5(事业单位证书号)", "CF_XDR_SYDW", Conditional,
        ["事业单位证书号", "行政相对人代码-事业单位证书号"];
    SocialOrgNo: "social_org_no", "行政相对人代码_6(社会组织登记证号)", "CF_XDR_SHZZ", Conditional,
        ["社会组织登记证号", "行政相对人代码-社会组织登记证号"];
    LegalRep: "legal_rep", "法定代表人", "CF_FRDB", Conditional;
    LegalRepIdType: "legal_rep_id_type", "法定代表人证件类型", "CF_FR_ZJLX", No;
    LegalRepIdNo: "legal_rep_id_no", "法定代表人证件号码", "CF_FR_ZJHM", No;
    IdType: "id_type", "证件类型", "CF_XDR_ZJLX", Conditional;
    IdNo: "id_no", "证件号码", "CF_XDR_ZJHM", Conditional;
    DecisionNo: "decision_no", "行政处罚决定书文号", "CF_WSH", Yes;
    ViolationType: "violation_type", "违法行为类型", "CF_WFXW", Yes;
    Facts: "facts", "违法事实", "CF_SY", Yes;
    Basis: "basis", "处罚依据", "CF_YJ", Yes;
    PenaltyCategories: "penalty_categories", "处罚类别", "CF_CFLB", Yes;
    Content: "content", "处罚内容", "CF_NR", Yes;
    FineWan: "fine_wan", "罚款金额(万元)", "CF_NR_FK", No;
    ConfiscatedWan: "confiscated_wan", "没收违法所得、没收非法财物的金额(万元)", "CF_NR_WFFF", No;
    LicenseRevoked: "license_revoked", "暂扣或吊销证照名称及编号", "CF_NR_ZKDX", No;
    DecisionDate: "decision_date", "处罚决定日期", "CF_JDRQ", Yes;
    ValidUntil: "valid_until", "处罚有效期", "CF_YXQ", Yes;
    PublicityUntil: "publicity_until", "公示截止期", "CF_GSJZQ", No;
    Authority: "authority", "处罚机关", "CF_CFJG", Yes;
    AuthorityUscc: "authority_uscc", "处罚机关统一社会信用代码", "CF_CFJGDM", Yes;
    Source: "source", "数据来源单位", "CF_SJLY", Yes;
    SourceUscc: "source_uscc", "数据来源单位统一社会信用代码", "CF_SJLYDM", Yes;
    Note: "note", "备注", "BZ", No;
}

fields! {
    /// The 28 columns of a 行政许可 file.
    LicenseField, LICENSE_FIELDS, LayoutId::License;
    SubjectName: "subject_name", "行政相对人名称", "XK_XDR_MC", Yes;
    SubjectKind: "subject_kind", "行政相对人类别", "XK_XDR_LB", Yes;
    Uscc: "uscc", "行政相对人代码_1(统一社会信用代码)", "XK_XDR_SHXYM", Conditional,
        ["统一社会信用代码", "行政相对人代码-统一社会信用代码"];
    RegNo: "reg_no", "行政相对人代码_2(工商注册号)", "XK_XDR_GSZC", Conditional,
        ["工商注册号", "行政相对人代码-工商注册号"];
    OrgCode: "org_code", "行政相对人代码_3(组织机构代码)", "XK_XDR_ZZJG", Conditional,
        ["组织机构代码", "行政相对人代码-组织机构代码"];
    TaxNo: "tax_no", "行政相对人代码_4(税务登记号)", "XK_XDR_SWDJ", Conditional,
        ["税务登记号", "行政相对人代码-税务登记号"];
    InstitutionNo: "institution_no", "行政相对人代码_5(事业单位证书号)", "XK_XDR_SYDW", Conditional,
        ["事业单位证书号", "行政相对人代码-事业单位证书号"];
    SocialOrgNo: "social_org_no", "行政相对人代码_6(社会组织登记证号)", "XK_XDR_SHZZ", Conditional,
        ["社会组织登记证号", "行政相对人代码-社会组织登记证号"];
    LegalRep: "legal_rep", "法定代表人", "XK_FRDB", Conditional;
    LegalRepIdType: "legal_rep_id_type", "法定代表人证件类型", "XK_FR_ZJLX", No;
    LegalRepIdNo: "legal_rep_id_no", "法定代表人证件号码", "XK_FR_ZJHM", No;
    IdType: "id_type", "证件类型", "XK_XDR_ZJLX", Conditional;
    IdNo: "id_no", "证件号码", "XK_XDR_ZJHM", Conditional;
    DecisionDocument: "decision_document", "行政许可决定文书名称", "XK_XKWS", Yes;
    DecisionNo: "decision_no", "行政许可决定文书号", "XK_WSH", Yes, ["行政许可决定书文号"];
    LicenseCategory: "license_category", "许可类别", "XK_XKLB", Yes;
    CertificateName: "certificate_name", "许可证书名称", "XK_XKZS", No;
    LicenseNo: "license_no", "许可编号", "XK_XKBH", No;
    Content: "content", "许可内容", "XK_NR", Yes;
    DecisionDate: "decision_date", "许可决定日期", "XK_JDRQ", Yes;
    ValidFrom: "valid_from", "有效期自", "XK_YXQZ", No;
    ValidUntil: "valid_until", "有效期至", "XK_YXQZI", No;
    Authority: "authority", "许可机关", "XK_XKJG", Yes;
    AuthorityUscc: "authority_uscc", "许可机关统一社会信用代码", "XK_XKJGDM", Yes;
    Status: "status", "当前状态", "XK_ZT", No;
    Source: "source", "数据来源单位", "XK_LYDW", No;
    SourceUscc: "source_uscc", "数据来源单位统一社会信用代码", "XK_LYDWDM", No;
    Note: "note", "备注", "BZ", No;
}

fields! {
    /// The columns of a registration authority's register of subjects.
    SubjectField, SUBJECT_FIELDS, LayoutId::Subjects;
    Uscc: "uscc", "统一社会信用代码", "", Yes;
    Name: "name", "名称", "", Yes, ["企业名称", "主体名称", "单位名称"];
    SubjectKind: "subject_kind", "主体类别", "", No, ["类别", "主体类型"];
    LegalRep: "legal_rep", "法定代表人", "", No, ["负责人", "法定代表人/负责人"];
    Division: "division", "行政区划代码", "", No, ["行政区划"];
    OrgCode: "org_code", "组织机构代码", "", No;
    RegNo: "reg_no", "注册号", "", No, ["工商注册号"];
    TaxNo: "tax_no", "税务登记号", "", No;
    FormerNames: "former_names", "曾用名", "", No;
}

fields! {
    /// The columns of an old code → USCC mapping table (新旧代码映射).
    ///
    /// The old code arrives either in one `old_code` column of either kind or
    /// in separate columns per kind; [`MAPPINGS`] requires at least one.
    MappingField, MAPPING_FIELDS, LayoutId::Mappings;
    OldCode: "old_code", "旧代码", "", No, ["原代码"];
    OrgCode: "org_code", "组织机构代码", "", No, ["原组织机构代码"];
    RegNo: "reg_no", "注册号", "", No, ["工商注册号", "原注册号", "原工商注册号"];
    TaxNo: "tax_no", "税务登记号", "", No, ["原税务登记号"];
    Uscc: "uscc", "统一社会信用代码", "", Yes, ["新代码"];
    Name: "name", "名称", "", No, ["企业名称", "主体名称", "单位名称"];
    Source: "source", "来源", "", No, ["数据来源"];
    MappedOn: "mapped_on", "映射日期", "", No, ["日期"];
}

/// The 行政处罚 layout.
pub static PENALTY: Layout = Layout {
    id: LayoutId::Penalty,
    name: "penalty",
    chinese: "行政处罚",
    command: "penalties",
    fields: PENALTY_FIELDS,
    one_of: &[],
};

/// The 行政许可 layout.
pub static LICENSE: Layout = Layout {
    id: LayoutId::License,
    name: "license",
    chinese: "行政许可",
    command: "licenses",
    fields: LICENSE_FIELDS,
    one_of: &[],
};

/// The register of subjects layout.
pub static SUBJECTS: Layout = Layout {
    id: LayoutId::Subjects,
    name: "subjects",
    chinese: "主体登记信息",
    command: "subjects",
    fields: SUBJECT_FIELDS,
    one_of: &[],
};

const fn mapping(f: MappingField) -> FieldId {
    FieldId {
        layout: LayoutId::Mappings,
        index: f as u16,
    }
}

/// The old code → USCC mapping layout.
pub static MAPPINGS: Layout = Layout {
    id: LayoutId::Mappings,
    name: "mappings",
    chinese: "新旧代码映射",
    command: "mappings",
    fields: MAPPING_FIELDS,
    one_of: &[&[
        mapping(MappingField::OldCode),
        mapping(MappingField::OrgCode),
        mapping(MappingField::RegNo),
        mapping(MappingField::TaxNo),
    ]],
};

/// Every layout a file can be imported as.
pub static LAYOUTS: [&Layout; 4] = [&PENALTY, &LICENSE, &SUBJECTS, &MAPPINGS];

#[cfg(test)]
mod tests {
    use super::*;

    fn all_layouts() -> [&'static Layout; 4] {
        [&PENALTY, &LICENSE, &SUBJECTS, &MAPPINGS]
    }

    #[test]
    fn table_sizes_match_the_national_layouts() {
        assert_eq!(PENALTY.fields.len(), 30);
        assert_eq!(LICENSE.fields.len(), 28);
        assert_eq!(PenaltyField::ALL.len(), 30);
        assert_eq!(LicenseField::ALL.len(), 28);
    }

    #[test]
    fn enums_index_their_own_tables() {
        assert_eq!(PenaltyField::DecisionNo.field().code, "CF_WSH");
        assert_eq!(PenaltyField::Note.field().code, "BZ");
        assert_eq!(LicenseField::DecisionNo.field().code, "XK_WSH");
        assert_eq!(LicenseField::ValidUntil.field().code, "XK_YXQZI");
        let id: FieldId = PenaltyField::FineWan.into();
        assert_eq!(PENALTY.field(id).name, "fine_wan");
        assert_eq!(PENALTY.field_id("fine_wan"), Some(id));
        assert_eq!(
            MAPPINGS.field(MAPPINGS.one_of[0][2]).name,
            MappingField::RegNo.name()
        );
    }

    #[test]
    fn names_are_unique_snake_case() {
        for layout in all_layouts() {
            for (i, f) in layout.fields.iter().enumerate() {
                assert!(
                    f.name
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b == b'_' || b.is_ascii_digit()),
                    "{}",
                    f.name
                );
                assert_eq!(layout.field_id(f.name).map(FieldId::index), Some(i));
            }
        }
    }

    #[test]
    fn shared_concepts_share_names() {
        for name in [
            "subject_name",
            "uscc",
            "reg_no",
            "org_code",
            "decision_no",
            "decision_date",
            "valid_until",
            "authority",
            "authority_uscc",
            "source",
            "source_uscc",
            "note",
        ] {
            let p = PENALTY.field_id(name).map(|id| PENALTY.field(id).chinese);
            let l = LICENSE.field_id(name).map(|id| LICENSE.field(id).chinese);
            assert!(p.is_some() && l.is_some(), "{name}");
        }
    }

    #[test]
    fn record_kind_parses_and_names() {
        assert_eq!("penalty".parse::<RecordKind>(), Ok(RecordKind::Penalty));
        assert_eq!("行政许可".parse::<RecordKind>(), Ok(RecordKind::License));
        assert!("x".parse::<RecordKind>().unwrap_err().contains("'x'"));
        assert_eq!(RecordKind::License.layout().fields.len(), 28);
    }
}

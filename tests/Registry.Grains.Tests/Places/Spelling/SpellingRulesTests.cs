using Registry.Abstractions.Errors;
using Registry.Abstractions.Places;
using Registry.Grains.Places;
using static Registry.Abstractions.Places.PlaceCategory;

namespace Registry.Grains.Tests.Places.Spelling;

/// <summary>
/// The examples printed in 中国地名汉语拼音字母拼写规则(汉语地名部分) ((84)中地字第17号, 1984-12-25), rule by rule:
/// each official spelling is accepted and is the suggestion or one of its alternatives; the wrong forms are refused
/// with the rule they break.
/// </summary>
public sealed class SpellingRulesTests
{
    private static string Rule(string name, PlaceCategory category, string spelling)
    {
        var error = Assert.Throws<DomainException>(() => PlaceSpelling.CheckSpelling(name, spelling, category));
        return error.Rule;
    }

    private static void Accepted(string name, PlaceCategory category, string spelling)
    {
        PlaceSpelling.CheckSpelling(name, spelling, category);
        var suggestion = PlaceSpelling.Suggest(name, category);
        Assert.Contains(spelling, suggestion.Alternatives.Prepend(suggestion.Romanization));
    }

    [Theory] // Rule 1: 专名与通名分写, also a one-character specific (汾河, 太湖, 通县).
    [InlineData("太行山", NaturalFeature, "Taihang Shan")]
    [InlineData("松花江", NaturalFeature, "Songhua Jiang")]
    [InlineData("汾河", NaturalFeature, "Fen He")]
    [InlineData("太湖", NaturalFeature, "Tai Hu")]
    [InlineData("舟山群岛", NaturalFeature, "Zhoushan Qundao")]
    [InlineData("台湾海峡", NaturalFeature, "Taiwan Haixia")]
    [InlineData("青藏高原", NaturalFeature, "Qingzang Gaoyuan")]
    [InlineData("密云水库", Facility, "Miyun Shuiku")]
    [InlineData("大运河", NaturalFeature, "Da Yunhe")]
    [InlineData("永丰渠", NaturalFeature, "Yongfeng Qu")]
    [InlineData("西藏自治区", AdministrativeDivision, "Xizang Zizhiqu")]
    [InlineData("江苏省", AdministrativeDivision, "Jiangsu Sheng")]
    [InlineData("襄樊市", AdministrativeDivision, "Xiangfan Shi")]
    [InlineData("通县", AdministrativeDivision, "Tong Xian")]
    [InlineData("西峰镇", AdministrativeDivision, "Xifeng Zhen")]
    [InlineData("虹口区", AdministrativeDivision, "Hongkou Qu")]
    [InlineData("友谊乡", AdministrativeDivision, "Youyi Xiang")]
    [InlineData("京津公路", Street, "Jingjin Gonglu")]
    [InlineData("南京路", Street, "Nanjing Lu")]
    [InlineData("滨江道", Street, "Binjiang Dao")]
    [InlineData("长安街", Street, "Chang'an Jie")]
    [InlineData("大马路", Street, "Dama Lu")]
    [InlineData("梧桐巷", Street, "Wutong Xiang")]
    [InlineData("门框胡同", Street, "Menkuang Hutong")]
    [InlineData("珠江", NaturalFeature, "Zhu Jiang")] // rule 10's example
    [InlineData("泰山", NaturalFeature, "Tai Shan")]
    public void Rule1_SpecificAndGenericApart_Accepted(string name, PlaceCategory category, string spelling) =>
        Accepted(name, category, spelling);

    [Theory]
    [InlineData("珠江", NaturalFeature, "Zhujiang")]
    [InlineData("泰山", NaturalFeature, "Taishan")]
    [InlineData("通县", AdministrativeDivision, "Tongxian")]
    [InlineData("京津公路", Street, "Jingjingong Lu")]
    [InlineData("西藏自治区", AdministrativeDivision, "Xizangzizhi Qu")]
    [InlineData("台湾海峡", NaturalFeature, "Taiwanhai Xia")]
    [InlineData("江苏省", AdministrativeDivision, "Jiangsusheng")]
    public void Rule1_JoinedOrCutWrong_RefusedAsWordSeparation(string name, PlaceCategory category, string spelling) =>
        Assert.Equal("romanization-word-separation", Rule(name, category, spelling));

    [Theory] // Rule 2: a one-syllable modifier joins what it modifies; a longer one stands apart.
    [InlineData("西辽河", NaturalFeature, "Xiliao He")]
    [InlineData("潮白新河", NaturalFeature, "Chaobai Xinhe")]
    [InlineData("新通扬运河", NaturalFeature, "Xintongyang Yunhe")]
    [InlineData("北雁荡山", NaturalFeature, "Beiyandang Shan")]
    [InlineData("老秃顶子山", NaturalFeature, "Laotudingzi Shan")]
    [InlineData("小金门岛", NaturalFeature, "Xiaojinmen Dao")]
    [InlineData("景山后街", Street, "Jingshan Houjie")]
    [InlineData("造币左路", Street, "Zaobi Zuolu")]
    [InlineData("清波门直街", Street, "Qingbomen Zhijie")]
    [InlineData("后赵家楼胡同", Street, "Houzhaojialou Hutong")]
    [InlineData("朝阳门内大街", Street, "Chaoyangmennei Dajie")]
    [InlineData("南小街", Street, "Nan Xiaojie")]
    [InlineData("小南街", Street, "Xiao Nanjie")]
    [InlineData("南横东街", Street, "Nanheng Dongjie")]
    [InlineData("修文西小巷", Street, "Xiuwen Xixiaoxiang")]
    [InlineData("东直门外南后街", Street, "Dongzhimenwai Nanhoujie")]
    [InlineData("广安门北滨河路", Street, "Guang'anmen Beibinhe Lu")]
    [InlineData("南京东路", Street, "Nanjing Donglu")]
    [InlineData("淮海中路", Street, "Huaihai Zhonglu")]
    public void Rule2_Modifiers_Accepted(string name, PlaceCategory category, string spelling) =>
        Accepted(name, category, spelling);

    [Theory]
    [InlineData("南京东路", "Nanjing Donglu")]
    [InlineData("景山后街", "Jingshan Houjie")]
    [InlineData("淮海中路", "Huaihai Zhonglu")]
    [InlineData("南横东街", "Nanheng Dongjie")]
    [InlineData("东直门外南后街", "Dongzhimenwai Nanhoujie")]
    [InlineData("朝阳门内大街", "Chaoyangmennei Dajie")]
    [InlineData("河南路", "Henan Lu")] // 河南 is a known name, so 南 belongs to the specific
    public void Rule2_Suggestion_NamesTheLikelyForm(string name, string spelling) =>
        Assert.Equal(spelling, PlaceSpelling.Suggest(name, Street).Romanization);

    [Fact]
    public void Rule2_EitherSideAllowed_BothAccepted()
    {
        // The system cannot know whether 南 of 河南路 modifies 河 or 路: both are allowed, the known name is suggested.
        PlaceSpelling.CheckSpelling("河南路", "Henan Lu", Street);
        PlaceSpelling.CheckSpelling("河南路", "He Nanlu", Street);
    }

    [Theory]
    [InlineData("南京东路", Street, "Nanjingdong Lu")]
    [InlineData("南京东路", Street, "Nanjing Dong Lu")]
    [InlineData("景山后街", Street, "Jingshanhou Jie")]
    [InlineData("淮海中路", Street, "Huaihaizhong Lu")]
    [InlineData("北雁荡山", NaturalFeature, "Bei Yandang Shan")]
    public void Rule2_ModifierOnTheWrongSide_Refused(string name, PlaceCategory category, string spelling) =>
        Assert.Equal("romanization-word-separation", Rule(name, category, spelling));

    [Theory] // Rule 3: natural villages and towns are one word.
    [InlineData("王村", "Wangcun")]
    [InlineData("江镇", "Jiangzhen")]
    [InlineData("周口店", "Zhoukoudian")]
    [InlineData("文家市", "Wenjiashi")]
    [InlineData("油坊桥", "Youfangqiao")]
    [InlineData("铁匠营", "Tiejiangying")]
    [InlineData("大虎山", "Dahushan")]
    [InlineData("太平沟", "Taipinggou")]
    [InlineData("三岔河", "Sanchahe")]
    [InlineData("龙王集", "Longwangji")]
    [InlineData("南王家荡", "Nanwangjiadang")]
    [InlineData("第六屯", "Diliutun")] // rule 6
    [InlineData("李庄", "Lizhuang")] // rule 10
    public void Rule3_NaturalVillage_OneWord(string name, string spelling)
    {
        Accepted(name, VillageSeat, spelling);
        Assert.Equal("romanization-word-separation", Rule(name, VillageSeat, spelling[..2] + " " + char.ToUpperInvariant(spelling[2]) + spelling[3..]));
    }

    [Theory] // Rule 4: a generic that became part of the name is written as the specific.
    [InlineData("渤海湾", NaturalFeature, "Bohai Wan")]
    [InlineData("黑龙江省", AdministrativeDivision, "Heilongjiang Sheng")]
    [InlineData("景德镇市", AdministrativeDivision, "Jingdezhen Shi")]
    [InlineData("解放路南小街", Street, "Jiefanglu Nanxiaojie")]
    [InlineData("包头胡同东巷", Street, "Baotou Hutong Dongxiang")]
    public void Rule4_SpecialisedGeneric_WrittenWithTheSpecific(string name, PlaceCategory category, string spelling)
    {
        Accepted(name, category, spelling);
        Assert.Equal(spelling, PlaceSpelling.Suggest(name, category).Romanization);
    }

    [Theory]
    [InlineData("黑龙江省", AdministrativeDivision, "Heilong Jiang Sheng")]
    [InlineData("景德镇市", AdministrativeDivision, "Jingde Zhen Shi")]
    [InlineData("解放路南小街", Street, "Jiefang Lu Nanxiaojie")]
    public void Rule4_SpecialisedGenericApart_Refused(string name, PlaceCategory category, string spelling) =>
        Assert.Equal("romanization-word-separation", Rule(name, category, spelling));

    [Theory] // Rule 5: a person's name is joined.
    [InlineData("左权县", AdministrativeDivision, "Zuoquan Xian", "Zuo Quan Xian")]
    [InlineData("张之洞路", Street, "Zhangzhidong Lu", "Zhang Zhidong Lu")]
    [InlineData("欧阳海水库", Facility, "Ouyanghai Shuiku", "Ouyang Hai Shuiku")]
    public void Rule5_PersonsName_Joined(string name, PlaceCategory category, string right, string wrong)
    {
        Accepted(name, category, right);
        Assert.Equal("romanization-word-separation", Rule(name, category, wrong));
    }

    [Theory] // Rule 6: numerals in place names are spelled in pinyin.
    [InlineData("五指山", NaturalFeature, "Wuzhi Shan")]
    [InlineData("九龙江", NaturalFeature, "Jiulong Jiang")]
    [InlineData("三门峡", NaturalFeature, "Sanmen Xia")]
    [InlineData("二道沟", NaturalFeature, "Erdao Gou")]
    [InlineData("第二松花江", NaturalFeature, "Di'er Songhua Jiang")]
    [InlineData("三眼井胡同", Street, "Sanyanjing Hutong")]
    [InlineData("八角场东街", Street, "Bajiaochang Dongjie")]
    [InlineData("三八路", Street, "Sanba Lu")]
    [InlineData("五一广场", Landmark, "Wuyi Guangchang")]
    public void Rule6_Numerals_InPinyin(string name, PlaceCategory category, string spelling)
    {
        Accepted(name, category, spelling);
        Assert.Equal(spelling, PlaceSpelling.Suggest(name, category).Romanization);
    }

    [Theory] // Rule 7: codes and the ordinals of streets and lanes in Arabic numerals.
    [InlineData("1203高地", NaturalFeature, "1203 Gaodi")]
    [InlineData("1718峰", NaturalFeature, "1718 Feng")]
    [InlineData("二马路", Street, "2 Malu")]
    [InlineData("经五路", Street, "Jing 5 Lu")]
    [InlineData("三环路", Street, "3 Huan Lu")]
    [InlineData("大川淀一巷", Street, "Dachuandian 1 Xiang")]
    [InlineData("东四十二条", Street, "Dongsi 12 Tiao")]
    [InlineData("天宁寺西里一巷", Street, "Tianningsi Xili 1 Xiang")] // rule 10's example
    public void Rule7_OrdinalsAndCodes_InArabicNumerals(string name, PlaceCategory category, string spelling)
    {
        Accepted(name, category, spelling);
        Assert.Equal(spelling, PlaceSpelling.Suggest(name, category).Romanization);
    }

    [Theory]
    [InlineData("五指山", NaturalFeature, "5zhi Shan", "romanization-numerals")]
    [InlineData("五一广场", Landmark, "51 Guangchang", "romanization-numerals")]
    [InlineData("经五路", Street, "Jing5 Lu", "romanization-numerals")]
    public void Rule7_NumeralsWhereNotAllowed_Refused(string name, PlaceCategory category, string spelling, string rule) =>
        Assert.Equal(rule, Rule(name, category, spelling));

    [Theory] // Rule 8: polyphonic characters take the place-name reading.
    [InlineData("重庆市", "Chongqing Shi", "Zhongqing Shi")]
    [InlineData("厦门市", "Xiamen Shi", "Shamen Shi")]
    [InlineData("蚌埠市", "Bengbu Shi", "Bangbu Shi")]
    [InlineData("六安市", "Lu'an Shi", "Liu'an Shi")]
    [InlineData("番禺区", "Panyu Qu", "Fanyu Qu")]
    public void Rule8_PlaceReading_AcceptedAndSuggested_OtherReadingRefused(string name, string right, string wrong)
    {
        Accepted(name, AdministrativeDivision, right);
        Assert.Equal(right, PlaceSpelling.Suggest(name, AdministrativeDivision).Romanization);
        Assert.Equal("romanization-place-reading", Rule(name, AdministrativeDivision, wrong));
    }

    [Fact]
    public void Rule8_UnknownPlaceReading_SuggestionListsTheReadings_AndAcceptsEach()
    {
        // 乐清 is in neither shipped source (GeoNames cities1000, pinyin phrases): the system does not guess.
        var suggestion = PlaceSpelling.Suggest("乐清市", AdministrativeDivision);
        var le = Assert.Single(suggestion.Undetermined, c => c.Character == "乐");
        Assert.Contains("yue", le.Readings);
        Assert.Contains("le", le.Readings);
        PlaceSpelling.CheckSpelling("乐清市", "Yueqing Shi", AdministrativeDivision);
    }

    [Theory] // Rule 10: capitals; all capitals allowed on signs.
    [InlineData("珠江", NaturalFeature, "ZHU JIANG")]
    [InlineData("东二环南路", Street, "DONG 2 HUAN NANLU")]
    public void Rule10_AllCapitals_Accepted(string name, PlaceCategory category, string spelling) =>
        PlaceSpelling.CheckSpelling(name, spelling, category);

    [Theory]
    [InlineData("zhu Jiang")]
    [InlineData("ZHu Jiang")]
    [InlineData("Zhu jiang")]
    public void Rule10_Capitalisation_Refused(string spelling) =>
        Assert.Equal("romanization-capitalisation", Rule("珠江", NaturalFeature, spelling));

    [Theory] // Rule 11: apostrophe before a, o, e of a non-initial syllable.
    [InlineData("西安", "Xi'an", "Xian")]
    [InlineData("建瓯", "Jian'ou", "Jianou")]
    [InlineData("天峨", "Tian'e", "Tiane")]
    public void Rule11_Apostrophe(string name, string right, string wrong)
    {
        Accepted(name, AdministrativeDivision, right);
        Assert.Equal("romanization-apostrophe", Rule(name, AdministrativeDivision, wrong));
    }

    [Fact]
    public void Rule11_ApostropheWhereNoSyllableBeginsWithAOE_Refused() =>
        Assert.Equal("romanization-apostrophe", Rule("松花江", NaturalFeature, "Song'hua Jiang"));

    [Fact] // Rule 12: erhua r only where 儿 is written.
    public void Rule12_Erhua_OnlyWhere儿IsWritten()
    {
        Accepted("盆儿胡同", Street, "Penr Hutong");
        Assert.Equal("Penr Hutong", PlaceSpelling.Suggest("盆儿胡同", Street).Romanization);
        Assert.Contains(Rule("门框胡同", Street, "Menkuangr Hutong"), new[] { "romanization-reading", "romanization-syllable" });
    }

    [Theory] // Minority-language names: transliterated from their language (GeoNames, Natural Earth).
    [InlineData("乌鲁木齐市", "Ürümqi Shi", "Wulumuqi Shi")]
    [InlineData("呼和浩特市", "Hohhot Shi", "Huhehaote Shi")]
    [InlineData("拉萨市", "Lhasa Shi", "Lasa Shi")]
    [InlineData("内蒙古自治区", "Nei Mongol Zizhiqu", "Neimenggu Zizhiqu")]
    [InlineData("新疆维吾尔自治区", "Xinjiang Uygur Zizhiqu", "Xinjiangweiwuer Zizhiqu")]
    public void MinorityLanguage_OfficialForm_Accepted_PinyinOfTheCharactersRefused(string name, string right, string wrong)
    {
        Accepted(name, AdministrativeDivision, right);
        Assert.Equal(right, PlaceSpelling.Suggest(name, AdministrativeDivision).Romanization);
        Assert.Equal("romanization-minority-language", Rule(name, AdministrativeDivision, wrong));
    }

    [Fact]
    public void MinorityLanguage_StreetNamedAfterTheCity_EitherForm()
    {
        PlaceSpelling.CheckSpelling("乌鲁木齐路", "Wulumuqi Lu", Street);
        PlaceSpelling.CheckSpelling("乌鲁木齐路", "Ürümqi Lu", Street);
    }
}

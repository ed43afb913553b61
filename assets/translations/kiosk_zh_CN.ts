<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AgentScreen</name>
    <message>
        <source>This is the cardholder&apos;s ID number. Please enter your own ID number.</source>
        <translation>这是持卡人的身份证号码，请输入您本人的身份证号码。</translation>
    </message>
    <message>
        <source>Please wait…</source>
        <translation>请稍候…</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>You are reporting for {name}. Please give your own details.</source>
        <translation>您正在为{name}代办，请填写您本人的信息。</translation>
    </message>
    <message>
        <source>Please give your own details.</source>
        <translation>请填写您本人的信息。</translation>
    </message>
    <message>
        <source>About you, the person reporting</source>
        <translation>填写代办人信息</translation>
    </message>
    <message>
        <source>Your ID number</source>
        <translation>您的身份证号码</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>您的姓名</translation>
    </message>
    <message>
        <source>Tap here to type your name</source>
        <translation>点击此处输入姓名</translation>
    </message>
    <message>
        <source>How are you related to the cardholder?</source>
        <translation>您与持卡人的关系</translation>
    </message>
    <message>
        <source>Use the ID card reader instead</source>
        <translation>改用身份证阅读器</translation>
    </message>
</context>
<context>
    <name>AmountField</name>
    <message>
        <source>At most {amount}.</source>
        <translation>最多 {amount}。</translation>
    </message>
</context>
<context>
    <name>AttractScreen</name>
    <message>
        <source>Please take your card</source>
        <translation>请取走您的社保卡</translation>
    </message>
    <message>
        <source>Thank you. Your session has ended.</source>
        <translation>感谢使用，本次服务已结束。</translation>
    </message>
    <message>
        <source>Please insert your social security card</source>
        <translation>请插入您的社会保障卡</translation>
    </message>
    <message>
        <source>Insert it into the card slot with the chip facing up.</source>
        <translation>请将芯片朝上，插入读卡口。</translation>
    </message>
    <message>
        <source>No card with you?</source>
        <translation>没有带社保卡？</translation>
    </message>
    <message>
        <source>Report a lost or stolen card</source>
        <translation>社保卡挂失（丢失或被盗）</translation>
    </message>
    <message>
        <source>Voucher / reissue progress</source>
        <translation>领卡凭证 / 补卡进度查询</translation>
    </message>
</context>
<context>
    <name>BusinessScreen</name>
    <message>
        <source>These numbers do not match.</source>
        <translation>身份证号码与预留手机号码不匹配。</translation>
    </message>
    <message>
        <source>Check both: 1 try left, then the ID number is locked.</source>
        <translation>请核对：还可再试 1 次，再错该身份证号码将被暂停核验。</translation>
    </message>
    <message>
        <source>Check both and try again ({n} tries left).</source>
        <translation>请核对后重试（还可再试 {n} 次）。</translation>
    </message>
    <message>
        <source>Check both and try again.</source>
        <translation>请核对后重试。</translation>
    </message>
    <message>
        <source>This ID card and the mobile number do not match.</source>
        <translation>身份证与手机号码不匹配。</translation>
    </message>
    <message>
        <source>Lay the cardholder&apos;s ID card, not your own, and type their registered mobile number.</source>
        <translation>请放持卡人的身份证（不是您本人的），并输入其登记的手机号码。</translation>
    </message>
    <message>
        <source>If this ID card is not the cardholder&apos;s, tap &apos;I am reporting for someone else&apos;.</source>
        <translation>如果这不是持卡人的身份证，请点击“我为他人代办”。</translation>
    </message>
    <message>
        <source>Opening hours: {hours}</source>
        <translation>营业时间：{hours}</translation>
    </message>
    <message>
        <source>Phone: {phone}</source>
        <translation>电话：{phone}</translation>
    </message>
</context>
<context>
    <name>ConfirmScreen</name>
    <message>
        <source>Nothing is recorded until you tap Confirm. To change something, tap Back.</source>
        <translation>点击“确认办理”后才会正式办理。如需修改，请点击“返回”。</translation>
    </message>
    <message>
        <source>The printer is not ready (out of paper / offline). You can still go ahead: your voucher number will be shown on screen and you can reprint the voucher later at this kiosk or at a counter.</source>
        <translation>打印机暂不可用（缺纸或离线）。您仍可继续办理：凭证号将显示在屏幕上，之后可在本机或服务窗口补打凭证。</translation>
    </message>
    <message>
        <source>Confirm your temporary loss report</source>
        <translation>确认办理临时挂失</translation>
    </message>
    <message>
        <source>Confirm your loss report and new card</source>
        <translation>确认办理挂失补卡</translation>
    </message>
    <message>
        <source>Confirm cancelling the loss report</source>
        <translation>确认解除临时挂失</translation>
    </message>
    <message>
        <source>Confirm your new card application</source>
        <translation>确认办理损坏换卡</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>确认办理</translation>
    </message>
    <message>
        <source>For {name}, ID number {ssn}</source>
        <translation>持卡人：{name}，身份证号码：{ssn}</translation>
    </message>
    <message>
        <source>Submitting…</source>
        <translation>正在提交…</translation>
    </message>
    <message>
        <source>Please wait, this takes a few seconds.</source>
        <translation>请稍候，需要几秒钟。</translation>
    </message>
</context>
<context>
    <name>ContributionsSection</name>
    <message>
        <source>Amounts in yuan</source>
        <translation>金额单位：元</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Earlier year</source>
        <translation>上一年度</translation>
    </message>
    <message>
        <source>Later year</source>
        <translation>下一年度</translation>
    </message>
    <message>
        <source>Contributions by month</source>
        <translation>逐月缴费记录</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Employer</source>
        <translation>缴费单位</translation>
    </message>
    <message>
        <source>Base</source>
        <translation>缴费基数</translation>
    </message>
    <message>
        <source>Employer part</source>
        <translation>单位缴纳</translation>
    </message>
    <message>
        <source>Personal part</source>
        <translation>个人缴纳</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>缴费状态</translation>
    </message>
    <message>
        <source>No contributions on record.</source>
        <translation>暂无缴费记录。</translation>
    </message>
    <message>
        <source>Loading the contributions…</source>
        <translation>正在查询缴费记录…</translation>
    </message>
    <message>
        <source>Months paid: {paid}</source>
        <translation>已缴 {paid} 个月</translation>
    </message>
    <message>
        <source>Months paid: {paid} · Months owed: {owed}</source>
        <translation>已缴 {paid} 个月 · 欠缴 {owed} 个月</translation>
    </message>
    <message>
        <source>No contributions in this year.</source>
        <translation>本年度无缴费记录。</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>已缴</translation>
    </message>
    <message>
        <source>Owed</source>
        <translation>欠缴</translation>
    </message>
</context>
<context>
    <name>DateStepper</name>
    <message>
        <source>One day earlier</source>
        <translation>提前一天</translation>
    </message>
    <message>
        <source>One day later</source>
        <translation>推后一天</translation>
    </message>
</context>
<context>
    <name>DiagText</name>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>warning: no information given (nothing changed)</source>
        <translation>警告：无详细信息（未作改动）</translation>
    </message>
    <message>
        <source>warning: part of the data may be corrupted</source>
        <translation>警告：部分数据可能已损坏</translation>
    </message>
    <message>
        <source>warning: end of the file or record before Le bytes</source>
        <translation>警告：读到 Le 字节前已到文件或记录末尾</translation>
    </message>
    <message>
        <source>warning: the selected file is deactivated</source>
        <translation>警告：所选文件已停用</translation>
    </message>
    <message>
        <source>warning: the file control information is not formatted as ISO 7816-4 says</source>
        <translation>警告：文件控制信息不符合 ISO 7816-4 格式</translation>
    </message>
    <message>
        <source>warning: the selected file is in termination state</source>
        <translation>警告：所选文件处于终止状态</translation>
    </message>
    <message>
        <source>warning: no input data from a sensor</source>
        <translation>警告：传感器无输入数据</translation>
    </message>
    <message>
        <source>warning: no information given (memory changed)</source>
        <translation>警告：无详细信息（存储已改动）</translation>
    </message>
    <message>
        <source>warning: the file is full after the last write</source>
        <translation>警告：上次写入后文件已满</translation>
    </message>
    <message>
        <source>error: execution error (nothing changed)</source>
        <translation>错误：执行出错（未作改动）</translation>
    </message>
    <message>
        <source>error: memory failure</source>
        <translation>错误：存储器故障</translation>
    </message>
    <message>
        <source>error: wrong length (Lc or Le)</source>
        <translation>错误：长度错误（Lc 或 Le）</translation>
    </message>
    <message>
        <source>error: a function in CLA not supported</source>
        <translation>错误：不支持 CLA 中的功能</translation>
    </message>
    <message>
        <source>error: logical channel not supported</source>
        <translation>错误：不支持逻辑通道</translation>
    </message>
    <message>
        <source>error: secure messaging not supported</source>
        <translation>错误：不支持安全报文</translation>
    </message>
    <message>
        <source>error: command not allowed</source>
        <translation>错误：不允许的命令</translation>
    </message>
    <message>
        <source>error: command incompatible with the file structure</source>
        <translation>错误：命令与文件结构不相容</translation>
    </message>
    <message>
        <source>error: security status not satisfied (a real card may want a PSAM first)</source>
        <translation>错误：安全状态不满足（真实卡片可能需先经 PSAM 认证）</translation>
    </message>
    <message>
        <source>error: authentication method blocked (PIN blocked)</source>
        <translation>错误：认证方法已锁定（PIN 已锁）</translation>
    </message>
    <message>
        <source>error: reference data not usable</source>
        <translation>错误：引用数据不可用</translation>
    </message>
    <message>
        <source>error: conditions of use not satisfied (GET RESPONSE: nothing waiting)</source>
        <translation>错误：使用条件不满足（GET RESPONSE：无待取数据）</translation>
    </message>
    <message>
        <source>error: command not allowed (no current EF)</source>
        <translation>错误：不允许的命令（无当前 EF）</translation>
    </message>
    <message>
        <source>error: expected secure messaging data objects missing</source>
        <translation>错误：缺少预期的安全报文数据对象</translation>
    </message>
    <message>
        <source>error: incorrect secure messaging data objects</source>
        <translation>错误：安全报文数据对象不正确</translation>
    </message>
    <message>
        <source>error: incorrect data in the data field</source>
        <translation>错误：数据域中的数据不正确</translation>
    </message>
    <message>
        <source>error: function not supported</source>
        <translation>错误：不支持该功能</translation>
    </message>
    <message>
        <source>error: file or application not found</source>
        <translation>错误：文件或应用未找到</translation>
    </message>
    <message>
        <source>error: record not found</source>
        <translation>错误：记录未找到</translation>
    </message>
    <message>
        <source>error: not enough memory space in the file</source>
        <translation>错误：文件存储空间不足</translation>
    </message>
    <message>
        <source>error: Lc inconsistent with the TLV structure</source>
        <translation>错误：Lc 与 TLV 结构不一致</translation>
    </message>
    <message>
        <source>error: incorrect P1 P2</source>
        <translation>错误：P1 P2 不正确</translation>
    </message>
    <message>
        <source>error: Lc inconsistent with P1 P2</source>
        <translation>错误：Lc 与 P1 P2 不一致</translation>
    </message>
    <message>
        <source>error: referenced data not found</source>
        <translation>错误：引用数据未找到</translation>
    </message>
    <message>
        <source>error: wrong P1 P2 (offset outside the file)</source>
        <translation>错误：P1 P2 错误（偏移量超出文件）</translation>
    </message>
    <message>
        <source>error: instruction (INS) not supported</source>
        <translation>错误：不支持该指令（INS）</translation>
    </message>
    <message>
        <source>error: class (CLA) not supported</source>
        <translation>错误：不支持该类别（CLA）</translation>
    </message>
    <message>
        <source>error: no precise diagnosis</source>
        <translation>错误：无精确诊断</translation>
    </message>
    <message>
        <source>warning (nothing changed)</source>
        <translation>警告（未作改动）</translation>
    </message>
    <message>
        <source>warning (memory changed)</source>
        <translation>警告（存储已改动）</translation>
    </message>
    <message>
        <source>error (nothing changed)</source>
        <translation>错误（未作改动）</translation>
    </message>
    <message>
        <source>error (memory changed)</source>
        <translation>错误（存储已改动）</translation>
    </message>
    <message>
        <source>error: security related</source>
        <translation>错误：安全相关</translation>
    </message>
    <message>
        <source>error: wrong length</source>
        <translation>错误：长度错误</translation>
    </message>
    <message>
        <source>error: wrong parameters</source>
        <translation>错误：参数错误</translation>
    </message>
    <message>
        <source>error: wrong parameters P1 P2</source>
        <translation>错误：参数 P1 P2 错误</translation>
    </message>
    <message>
        <source>done, {n} bytes waiting: fetch them with GET RESPONSE (00 C0 00 00 {le})</source>
        <translation>完成，有 {n} 字节待取：用 GET RESPONSE（00 C0 00 00 {le}）取回</translation>
    </message>
    <message>
        <source>error: wrong Le, the card has {n} bytes: send again with Le {le}</source>
        <translation>错误：Le 错误，卡片有 {n} 字节：请以 Le {le} 重发</translation>
    </message>
    <message>
        <source>warning: counter {n} (VERIFY: {n} PIN tries left)</source>
        <translation>警告：计数器 {n}（VERIFY：PIN 还可尝试 {n} 次）</translation>
    </message>
    <message>
        <source>done (proprietary {sw})</source>
        <translation>完成（专有状态字 {sw}）</translation>
    </message>
    <message>
        <source>{family}, detail {sw2}</source>
        <translation>{family}，细节码 {sw2}</translation>
    </message>
    <message>
        <source>not an ISO 7816-4 status word</source>
        <translation>不是 ISO 7816-4 状态字</translation>
    </message>
    <message>
        <source>unknown card type</source>
        <translation>未知卡类型</translation>
    </message>
    <message>
        <source>social security card (CARD_PROFILE.md, T=0)</source>
        <translation>社会保障卡（CARD_PROFILE.md，T=0）</translation>
    </message>
    <message>
        <source>an ATR has at least TS and T0</source>
        <translation>ATR 至少应含 TS 和 T0</translation>
    </message>
    <message>
        <source>direct</source>
        <translation>正向</translation>
    </message>
    <message>
        <source>inverse</source>
        <translation>反向</translation>
    </message>
    <message>
        <source>TS {ts} is neither 3B nor 3F</source>
        <translation>TS {ts} 既不是 3B 也不是 3F</translation>
    </message>
    <message>
        <source>ATR ends inside its interface bytes</source>
        <translation>ATR 在接口字节中途结束</translation>
    </message>
    <message>
        <source>ATR shorter than its historical bytes</source>
        <translation>ATR 短于其历史字节</translation>
    </message>
    <message>
        <source>ATR lacks its TCK</source>
        <translation>ATR 缺少 TCK</translation>
    </message>
    <message>
        <source>writes to the card</source>
        <translation>会写入卡片</translation>
    </message>
    <message>
        <source>changes the file&apos;s or card&apos;s life cycle</source>
        <translation>会改变文件或卡片的生命周期</translation>
    </message>
    <message>
        <source>changes the card&apos;s security state or its failure counters</source>
        <translation>会改变卡片的安全状态或失败计数</translation>
    </message>
    <message>
        <source>spends a PIN try when the PIN is wrong</source>
        <translation>PIN 错误时会消耗一次 PIN 尝试</translation>
    </message>
    <message>
        <source>changes the PIN</source>
        <translation>会修改 PIN</translation>
    </message>
    <message>
        <source>resets the PIN and its tries</source>
        <translation>会重置 PIN 及其尝试次数</translation>
    </message>
    <message>
        <source>switches PIN checking off</source>
        <translation>会关闭 PIN 校验</translation>
    </message>
    <message>
        <source>switches PIN checking on</source>
        <translation>会开启 PIN 校验</translation>
    </message>
    <message>
        <source>opens or closes a logical channel</source>
        <translation>会打开或关闭逻辑通道</translation>
    </message>
    <message>
        <source>carries another command, which may write</source>
        <translation>携带另一条命令，可能写卡</translation>
    </message>
    <message>
        <source>proprietary INS {ins}</source>
        <translation>专有 INS {ins}</translation>
    </message>
    <message>
        <source>is in a proprietary class (CLA {cla}), which the profile does not name</source>
        <translation>属于专有类别（CLA {cla}），卡规范未定义</translation>
    </message>
    <message>
        <source>unknown INS {ins}</source>
        <translation>未知 INS {ins}</translation>
    </message>
    <message>
        <source>is an instruction not known here, so it may write</source>
        <translation>是本机不认识的指令，可能写卡</translation>
    </message>
    <message>
        <source>VERIFY (tries left)</source>
        <translation>VERIFY（查询剩余次数）</translation>
    </message>
    <message>
        <source>card identification code</source>
        <translation>卡识别码</translation>
    </message>
    <message>
        <source>card type</source>
        <translation>卡类别</translation>
    </message>
    <message>
        <source>spec version</source>
        <translation>规范版本</translation>
    </message>
    <message>
        <source>issuing organisation</source>
        <translation>发卡机构</translation>
    </message>
    <message>
        <source>issue date</source>
        <translation>发卡日期</translation>
    </message>
    <message>
        <source>expiry date</source>
        <translation>有效期</translation>
    </message>
    <message>
        <source>card number</source>
        <translation>卡号</translation>
    </message>
    <message>
        <source>social security number</source>
        <translation>社会保障号码</translation>
    </message>
    <message>
        <source>name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>name extension</source>
        <translation>姓名扩展</translation>
    </message>
    <message>
        <source>gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>ethnicity</source>
        <translation>民族</translation>
    </message>
    <message>
        <source>birthplace</source>
        <translation>出生地</translation>
    </message>
    <message>
        <source>birth date</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>no answer ({error})</source>
        <translation>无应答（{error}）</translation>
    </message>
    <message>
        <source>no status word</source>
        <translation>无状态字</translation>
    </message>
    <message>
        <source>malformed APDU</source>
        <translation>APDU 格式错误</translation>
    </message>
    <message>
        <source>READ RECORD {n} of the current EF</source>
        <translation>READ RECORD {n}（当前 EF）</translation>
    </message>
    <message>
        <source>READ RECORD {n} of EF{sfi} ({field})</source>
        <translation>READ RECORD {n}（EF{sfi} 的{field}）</translation>
    </message>
    <message>
        <source>READ RECORD {n} of EF{sfi}</source>
        <translation>READ RECORD {n}（文件 EF{sfi}）</translation>
    </message>
    <message>
        <source>READ BINARY EF{sfi} at {offset}</source>
        <translation>READ BINARY EF{sfi}，偏移 {offset}</translation>
    </message>
    <message>
        <source>READ BINARY at {offset}</source>
        <translation>READ BINARY，偏移 {offset}</translation>
    </message>
    <message>
        <source>paper roll is empty</source>
        <translation>纸卷已用完</translation>
    </message>
    <message>
        <source>printer does not answer</source>
        <translation>打印机无响应</translation>
    </message>
    <message>
        <source>print head fault</source>
        <translation>打印头故障</translation>
    </message>
    <message>
        <source>writing PDF files to {folder}</source>
        <translation>PDF 文件写入 {folder}</translation>
    </message>
    <message>
        <source>folder {folder} does not exist</source>
        <translation>文件夹 {folder} 不存在</translation>
    </message>
    <message>
        <source>folder {folder} is not writable: {error}</source>
        <translation>文件夹 {folder} 不可写：{error}</translation>
    </message>
    <message>
        <source>folder {folder} is not writable</source>
        <translation>文件夹 {folder} 不可写</translation>
    </message>
    <message>
        <source>the paper is running low: load a new roll soon</source>
        <translation>纸快用完了：请尽快装新纸卷</translation>
    </message>
    <message>
        <source>out of paper: load paper</source>
        <translation>缺纸：请装纸</translation>
    </message>
    <message>
        <source>the printer does not answer: check its power and cable</source>
        <translation>打印机无响应：请检查电源和连接线</translation>
    </message>
    <message>
        <source>the printer reports an error: check the printer</source>
        <translation>打印机报告故障：请检查打印机</translation>
    </message>
    <message>
        <source>the printer&apos;s status cannot be read ({error}): check the printer</source>
        <translation>无法读取打印机状态（{error}）：请检查打印机</translation>
    </message>
    <message>
        <source>the smart card service (pcscd) is not running</source>
        <translation>智能卡服务（pcscd）未运行</translation>
    </message>
    <message>
        <source>start it (`systemctl start pcscd`), then check `kiosk diag readers`</source>
        <translation>请启动它（`systemctl start pcscd`），再运行 `kiosk diag readers` 检查</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>no reader named {wanted} (the readers are: {there}): plug it in, or fix reader_name in the kiosk&apos;s settings</source>
        <translation>没有名为 {wanted} 的读卡器（现有读卡器：{there}）：请插上它，或在本机设置中改正 reader_name</translation>
    </message>
    <message>
        <source>no card reader is connected: check its USB cable</source>
        <translation>未连接读卡器：请检查其 USB 线</translation>
    </message>
    <message>
        <source>driver {driver}</source>
        <translation>驱动 {driver}</translation>
    </message>
    <message>
        <source>the card in the reader does not answer: inserted the wrong way round, or damaged</source>
        <translation>读卡器中的卡片无应答：可能插反了，或卡片已损坏</translation>
    </message>
    <message>
        <source>another program holds the card (a second kiosk running?)</source>
        <translation>另一程序正占用卡片（是否运行了第二个自助机程序？）</translation>
    </message>
    <message>
        <source>the reader is unplugged or unavailable: check its USB cable</source>
        <translation>读卡器已拔出或不可用：请检查其 USB 线</translation>
    </message>
    <message>
        <source>the database does not answer: {error}</source>
        <translation>数据库无响应：{error}</translation>
    </message>
    <message>
        <source>answered in {ms} ms, schema {revision}</source>
        <translation>{ms} 毫秒内应答，结构版本 {revision}</translation>
    </message>
    <message>
        <source>the database is at schema revision {revision}, this program at {schema}</source>
        <translation>数据库结构版本为 {revision}，本程序为 {schema}</translation>
    </message>
    <message>
        <source>the database cannot record now: {error}</source>
        <translation>数据库现在无法写入：{error}</translation>
    </message>
    <message>
        <source>not checked: no settings</source>
        <translation>未检查：无设置</translation>
    </message>
    <message>
        <source>correct the setting named in kiosk.toml ($KIOSK_CONFIG) or the KIOSK_* variable; assets/deploy/kiosk.toml.example lists them all</source>
        <translation>请改正 kiosk.toml（$KIOSK_CONFIG）中指出的设置或相应的 KIOSK_* 变量；assets/deploy/kiosk.toml.example 列出了全部设置</translation>
    </message>
    <message>
        <source>settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <source>disk space</source>
        <translation>磁盘空间</translation>
    </message>
    <message>
        <source>clock</source>
        <translation>时钟</translation>
    </message>
    <message>
        <source>smart card service</source>
        <translation>智能卡服务</translation>
    </message>
    <message>
        <source>card readers</source>
        <translation>读卡器</translation>
    </message>
    <message>
        <source>configured reader</source>
        <translation>所配置的读卡器</translation>
    </message>
    <message>
        <source>ID card reader</source>
        <translation>身份证阅读器</translation>
    </message>
    <message>
        <source>voucher printer</source>
        <translation>凭条打印机</translation>
    </message>
    <message>
        <source>database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>database schema</source>
        <translation>数据库结构</translation>
    </message>
    <message>
        <source>database integrity</source>
        <translation>数据库完整性</translation>
    </message>
    <message>
        <source>audit chain</source>
        <translation>审计链</translation>
    </message>
    <message>
        <source>outbox</source>
        <translation>待发送队列</translation>
    </message>
    <message>
        <source>centre</source>
        <translation>中心</translation>
    </message>
    <message>
        <source>voucher keys</source>
        <translation>凭证密钥</translation>
    </message>
    <message>
        <source>audit key</source>
        <translation>审计密钥</translation>
    </message>
    <message>
        <source>loaded</source>
        <translation>已加载</translation>
    </message>
    <message>
        <source>the check itself failed: {error}</source>
        <translation>检查本身出错：{error}</translation>
    </message>
    <message>
        <source>see kiosk.log; report it</source>
        <translation>请查看 kiosk.log 并上报</translation>
    </message>
    <message>
        <source>{folder} does not exist</source>
        <translation>{folder} 不存在</translation>
    </message>
    <message>
        <source>start the kiosk once (it makes the folder), or point data_dir ($KIOSK_DATA_DIR) at the kiosk&apos;s data folder</source>
        <translation>请先启动一次自助机（会创建该文件夹），或将 data_dir（$KIOSK_DATA_DIR）指向本机的数据文件夹</translation>
    </message>
    <message>
        <source>{folder} is not a folder</source>
        <translation>{folder} 不是文件夹</translation>
    </message>
    <message>
        <source>move the file away, or point data_dir ($KIOSK_DATA_DIR) at a folder</source>
        <translation>请移走该文件，或将 data_dir（$KIOSK_DATA_DIR）指向一个文件夹</translation>
    </message>
    <message>
        <source>{folder} is not writable: {error}</source>
        <translation>{folder} 不可写：{error}</translation>
    </message>
    <message>
        <source>give the folder to the kiosk&apos;s user (chown, chmod 700), or remount the disk read-write</source>
        <translation>请把该文件夹交给自助机的运行用户（chown，chmod 700），或以读写方式重新挂载磁盘</translation>
    </message>
    <message>
        <source>{folder} is writable</source>
        <translation>{folder} 可写</translation>
    </message>
    <message>
        <source>cannot ask {folder}: {error}</source>
        <translation>无法查询 {folder}：{error}</translation>
    </message>
    <message>
        <source>check the disk</source>
        <translation>请检查磁盘</translation>
    </message>
    <message>
        <source>{size} free on the file system of {folder}</source>
        <translation>{folder} 所在文件系统剩余 {size}</translation>
    </message>
    <message>
        <source>free space: archive old logs and printed vouchers, or a larger disk</source>
        <translation>请腾出空间：归档旧日志和已打印的凭证，或换更大的磁盘</translation>
    </message>
    <message>
        <source>{found} (under {size})</source>
        <translation>{found}（低于 {size}）</translation>
    </message>
    <message>
        <source>{now} UTC, time zone {zone} (UTC{offset}); vouchers are dated in China time (UTC+8)</source>
        <translation>{now} UTC，时区 {zone}（UTC{offset}）；凭证按北京时间（UTC+8）标注日期</translation>
    </message>
    <message>
        <source>set the clock (timedatectl set-time, or enable NTP: timedatectl set-ntp true)</source>
        <translation>请校准时钟（timedatectl set-time，或开启 NTP：timedatectl set-ntp true）</translation>
    </message>
    <message>
        <source>{found}: before this program was built ({built})</source>
        <translation>{found}：早于本程序的构建日期（{built}）</translation>
    </message>
    <message>
        <source>{found}: implausibly far ahead</source>
        <translation>{found}：超前得不合常理</translation>
    </message>
    <message>
        <source>{found}: behind the newest audit entry ({newest} UTC); the clock went back</source>
        <translation>{found}：晚于最新的审计记录（{newest} UTC）；时钟被回拨过</translation>
    </message>
    <message>
        <source>not checked here: reader = {kind}</source>
        <translation>此处未检查：reader = {kind}</translation>
    </message>
    <message>
        <source>{found} (the demo&apos;s simulated reader, in the kiosk)</source>
        <translation>{found}（演示用模拟读卡器，在自助机程序内）</translation>
    </message>
    <message>
        <source>pcscd answers</source>
        <translation>pcscd 有响应</translation>
    </message>
    <message>
        <source>not checked: pcscd does not answer</source>
        <translation>未检查：pcscd 无响应</translation>
    </message>
    <message>
        <source>no card reader is connected</source>
        <translation>未连接读卡器</translation>
    </message>
    <message>
        <source>check the reader&apos;s USB cable; `lsusb` should list it, `kiosk diag readers` then shows it</source>
        <translation>请检查读卡器的 USB 线；`lsusb` 应能列出它，之后 `kiosk diag readers` 会显示它</translation>
    </message>
    <message>
        <source>none configured, and no reader to use</source>
        <translation>未配置，也没有可用的读卡器</translation>
    </message>
    <message>
        <source>none configured: the kiosk uses the first with a card</source>
        <translation>未配置：自助机使用第一个插有卡片的读卡器</translation>
    </message>
    <message>
        <source>{reader} is not there</source>
        <translation>{reader} 不存在</translation>
    </message>
    <message>
        <source>not used: idcard_reader = &quot;none&quot;</source>
        <translation>未使用：idcard_reader = &quot;none&quot;</translation>
    </message>
    <message>
        <source>simulated (the demo&apos;s ID card reader)</source>
        <translation>模拟（演示用身份证阅读器）</translation>
    </message>
    <message>
        <source>{port}: the security module answers (SAM id of {n} bytes)</source>
        <translation>{port}：安全模块有应答（SAM 编号 {n} 字节）</translation>
    </message>
    <message>
        <source>cannot be set up: {error}</source>
        <translation>无法设置：{error}</translation>
    </message>
    <message>
        <source>fix printer_queue in the settings</source>
        <translation>请在设置中改正 printer_queue</translation>
    </message>
    <message>
        <source>{path}: no database there</source>
        <translation>{path}：该处没有数据库</translation>
    </message>
    <message>
        <source>cannot open it: {error}</source>
        <translation>无法打开：{error}</translation>
    </message>
    <message>
        <source>no database</source>
        <translation>没有数据库</translation>
    </message>
    <message>
        <source>start the kiosk once (it makes the database), or point database_url ($KIOSK_DATABASE_URL) and data_dir at the kiosk&apos;s</source>
        <translation>请先启动一次自助机（会创建数据库），或将 database_url（$KIOSK_DATABASE_URL）和 data_dir 指向本机的数据库和数据文件夹</translation>
    </message>
    <message>
        <source>check the database server, the network, and database_url; for SQLite the file and its folder</source>
        <translation>请检查数据库服务器、网络和 database_url；SQLite 则检查数据库文件及其文件夹</translation>
    </message>
    <message>
        <source>check the disk (read-only? full?) and the server</source>
        <translation>请检查磁盘（是否只读？是否已满？）和服务器</translation>
    </message>
    <message>
        <source>check the network and server</source>
        <translation>请检查网络和服务器</translation>
    </message>
    <message>
        <source>not checked: the database cannot be used</source>
        <translation>未检查：数据库不可用</translation>
    </message>
    <message>
        <source>not checked: the database file is damaged</source>
        <translation>未检查：数据库文件已损坏</translation>
    </message>
    <message>
        <source>at {revision}, this program&apos;s newest is {head}</source>
        <translation>版本为 {revision}，本程序最新为 {head}</translation>
    </message>
    <message>
        <source>no revision</source>
        <translation>无版本</translation>
    </message>
    <message>
        <source>run `kiosk db upgrade` (the kiosk does at start); if the database is newer, update this program</source>
        <translation>请运行 `kiosk db upgrade`（自助机启动时会自动执行）；若数据库版本更新，请升级本程序</translation>
    </message>
    <message>
        <source>{revision}, but the tables differ: {problems}</source>
        <translation>{revision}，但数据表不一致：{problems}</translation>
    </message>
    <message>
        <source>restore the database from a backup; `kiosk db check` lists every difference</source>
        <translation>请从备份恢复数据库；`kiosk db check` 会列出每处差异</translation>
    </message>
    <message>
        <source>{revision} (current), tables match the migrations</source>
        <translation>{revision}（最新），数据表与迁移一致</translation>
    </message>
    <message>
        <source>restore the database from a backup</source>
        <translation>请从备份恢复数据库</translation>
    </message>
    <message>
        <source>damaged: {damage}</source>
        <translation>已损坏：{damage}</translation>
    </message>
    <message>
        <source>{n} problems: {first}</source>
        <translation>{n} 个问题：{first}</translation>
    </message>
    <message>
        <source>restore the database from a backup; `kiosk db check` lists them</source>
        <translation>请从备份恢复数据库；`kiosk db check` 会列出这些问题</translation>
    </message>
    <message>
        <source>make the files the kiosk user&apos;s alone (chmod 600); the kiosk does at start</source>
        <translation>请让这些文件仅归自助机用户所有（chmod 600）；自助机启动时会自动设置</translation>
    </message>
    <message>
        <source>quick check ok, {files} owner only</source>
        <translation>快速检查正常，{files} 仅所有者可访问</translation>
    </message>
    <message>
        <source>quick check ok</source>
        <translation>快速检查正常</translation>
    </message>
    <message>
        <source>run `kiosk db check` for every problem; restore the database or key from backup</source>
        <translation>请运行 `kiosk db check` 查看全部问题；从备份恢复数据库或密钥</translation>
    </message>
    <message>
        <source>not checked: see the schema and integrity checks</source>
        <translation>未检查：请看数据库结构和完整性两项检查</translation>
    </message>
    <message>
        <source>not checked: {error}</source>
        <translation>未检查：{error}</translation>
    </message>
    <message>
        <source>BROKEN, {n} problems: {first}</source>
        <translation>已损坏，{n} 个问题：{first}</translation>
    </message>
    <message>
        <source>cannot be verified: {problem}</source>
        <translation>无法验证：{problem}</translation>
    </message>
    <message>
        <source>journal not checked: {error}</source>
        <translation>业务日志未检查：{error}</translation>
    </message>
    <message>
        <source>journal: {n} problems: {first}</source>
        <translation>业务日志：{n} 个问题：{first}</translation>
    </message>
    <message>
        <source>not used: this kiosk is standalone</source>
        <translation>未使用：本机为单机部署</translation>
    </message>
    <message>
        <source>ok, {entries} entries, chains: {chains}</source>
        <translation>正常，共 {entries} 条记录，链数：{chains}</translation>
    </message>
    <message>
        <source>see `kiosk db check`</source>
        <translation>请查看 `kiosk db check`</translation>
    </message>
    <message>
        <source>no message waiting for the central back end</source>
        <translation>没有等待发往中心系统的消息</translation>
    </message>
    <message>
        <source>{n} waiting, the oldest for {age}</source>
        <translation>{n} 条待发送，最早的已等待 {age}</translation>
    </message>
    <message>
        <source>the central back end has not taken them: check the connection to it</source>
        <translation>中心系统尚未接收这些消息：请检查与中心系统的连接</translation>
    </message>
    <message>
        <source>{name}: refused</source>
        <translation>{name}：被拒绝</translation>
    </message>
    <message>
        <source>start the kiosk once; then back the keys up</source>
        <translation>请先启动一次自助机，然后备份密钥</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <source>start the kiosk once; then back the key up with the data folder</source>
        <translation>请先启动一次自助机，然后随数据文件夹备份密钥</translation>
    </message>
    <message>
        <source>key id {key_id}</source>
        <translation>密钥 ID {key_id}</translation>
    </message>
    <message>
        <source>make the folder and let the kiosk&apos;s user write it (the kiosk makes it at start)</source>
        <translation>请创建该文件夹并允许自助机用户写入（自助机启动时会创建）</translation>
    </message>
    <message>
        <source>check the printer&apos;s power, cable and paper, then `lpstat -p`</source>
        <translation>请检查打印机的电源、连接线和纸张，然后运行 `lpstat -p`</translation>
    </message>
    <message>
        <source>check it</source>
        <translation>请检查</translation>
    </message>
    <message>
        <source>none yet, made at the kiosk&apos;s next start</source>
        <translation>尚无，将在自助机下次启动时生成</translation>
    </message>
    <message>
        <source>online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>power_off</source>
        <translation>已关机</translation>
    </message>
    <message>
        <source>no_device</source>
        <translation>无设备</translation>
    </message>
    <message>
        <source>hardware_error</source>
        <translation>硬件故障</translation>
    </message>
    <message>
        <source>user_error</source>
        <translation>操作故障</translation>
    </message>
    <message>
        <source>busy</source>
        <translation>被占用</translation>
    </message>
    <message>
        <source>card_present</source>
        <translation>有卡</translation>
    </message>
    <message>
        <source>card_absent</source>
        <translation>无卡</translation>
    </message>
    <message>
        <source>card_jammed</source>
        <translation>卡堵塞</translation>
    </message>
    <message>
        <source>paper_ok</source>
        <translation>纸张正常</translation>
    </message>
    <message>
        <source>paper_low</source>
        <translation>纸将用完</translation>
    </message>
    <message>
        <source>paper_out</source>
        <translation>缺纸</translation>
    </message>
    <message>
        <source>paper_jammed</source>
        <translation>卡纸</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>无卡</translation>
    </message>
    <message>
        <source>card_mute</source>
        <translation>卡无应答</translation>
    </message>
    <message>
        <source>in_use</source>
        <translation>被占用</translation>
    </message>
    <message>
        <source>unavailable</source>
        <translation>不可用</translation>
    </message>
    <message>
        <source>{server} answered in {ms}</source>
        <translation>{server} 已响应，用时 {ms}</translation>
    </message>
    <message>
        <source>{revision} (current)</source>
        <translation>{revision}（最新）</translation>
    </message>
    <message>
        <source>the server checks its own pages and keys</source>
        <translation>由数据库服务器自行校验其数据页和键</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>ok, {files} owner only</source>
        <translation>正常，{files} 仅属主可访问</translation>
    </message>
    <message>
        <source>{waiting} waiting, the oldest for {age}</source>
        <translation>{waiting} 条待发，最早的已等待 {age}</translation>
    </message>
    <message>
        <source>{n} s</source>
        <translation>{n} 秒</translation>
    </message>
    <message>
        <source>{n} min</source>
        <translation>{n} 分钟</translation>
    </message>
    <message>
        <source>{h} h {m} min</source>
        <translation>{h} 小时 {m} 分钟</translation>
    </message>
    <message>
        <source>{n} h</source>
        <translation>{n} 小时</translation>
    </message>
    <message>
        <source>{n} days</source>
        <translation>{n} 天</translation>
    </message>
    <message>
        <source>voucher signing key</source>
        <translation>凭证签名密钥</translation>
    </message>
    <message>
        <source>voucher signing key (Ed25519)</source>
        <translation>凭证签名密钥（Ed25519）</translation>
    </message>
    <message>
        <source>check the network to the centre and that its PostgreSQL runs; businesses are kept here and sent when it answers</source>
        <translation>检查到中心的网络及其 PostgreSQL 是否在运行；业务已保存在本机，中心应答后即发送</translation>
    </message>
    <message>
        <source>the centre refuses this kiosk&apos;s role: put the URL `kiosk central add-kiosk` printed for this kiosk into central_url (kiosk.toml), or add the kiosk again at the centre</source>
        <translation>中心拒绝本机的角色：把 `kiosk central add-kiosk` 为本机打印的 URL 填入 central_url（kiosk.toml），或在中心重新添加本机</translation>
    </message>
    <message>
        <source>the local audit log lost entries the centre had anchored: keep the kiosk out of service, keep its database for investigation and report it</source>
        <translation>本地审计日志丢失了中心已锚定的条目：让本机暂停服务，保留其数据库以备调查，并上报</translation>
    </message>
    <message>
        <source>answers in {ms} as kiosk {kiosk}</source>
        <translation>{ms} 内应答，识别本机为 {kiosk}</translation>
    </message>
    <message>
        <source>refuses this kiosk: {reason}</source>
        <translation>拒绝本机：{reason}</translation>
    </message>
    <message>
        <source>not reachable; {n} waiting here, the oldest for {age}</source>
        <translation>无法连接；本机有 {n} 条等待发送，最早的已等 {age}</translation>
    </message>
    <message>
        <source>not reachable; no message waits here</source>
        <translation>无法连接；本机没有等待发送的消息</translation>
    </message>
    <message>
        <source>seq {seq} of chain {chain} is here, as anchored</source>
        <translation>链 {chain} 的第 {seq} 条在本机，与锚定一致</translation>
    </message>
    <message>
        <source>the local audit log lost entries the centre had anchored: it anchored seq {seq} of chain {chain}, the newest here is {local}</source>
        <translation>本地审计日志丢失了中心已锚定的条目：中心锚定了链 {chain} 的第 {seq} 条，本机最新为第 {local} 条</translation>
    </message>
    <message>
        <source>seq {seq} of chain {chain} here is not the entry the centre anchored (another hash): the local audit log was rewritten</source>
        <translation>本机链 {chain} 的第 {seq} 条不是中心锚定的那条（哈希不同）：本地审计日志被改写</translation>
    </message>
    <message>
        <source>the centre has anchored nothing yet</source>
        <translation>中心尚未锚定任何条目</translation>
    </message>
    <message>
        <source>not checked: the centre did not answer</source>
        <translation>未检查：中心没有应答</translation>
    </message>
    <message>
        <source>this kind of ID card is not supported here</source>
        <translation>本机不支持这种证件</translation>
    </message>
    <message>
        <source>the ID card on the reader cannot be read: laid on too briefly, or damaged</source>
        <translation>阅读器上的身份证无法读取：放置时间过短，或证件损坏</translation>
    </message>
    <message>
        <source>no ID card reader is connected: check its USB cable and idcard_port</source>
        <translation>未连接身份证阅读器：请检查其 USB 线缆和 idcard_port 设置</translation>
    </message>
    <message>
        <source>the ID card reader does not answer: check its cable and power</source>
        <translation>身份证阅读器无响应：请检查线缆和电源</translation>
    </message>
    <message>
        <source>the ID card reader&apos;s state cannot be read ({error})</source>
        <translation>无法读取身份证阅读器的状态（{error}）</translation>
    </message>
    <message>
        <source>success</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>a card was found</source>
        <translation>已找到卡片</translation>
    </message>
    <message>
        <source>the reader received a command with a bad checksum</source>
        <translation>阅读器收到的命令校验和错误</translation>
    </message>
    <message>
        <source>the reader received a command of the wrong length</source>
        <translation>阅读器收到的命令长度错误</translation>
    </message>
    <message>
        <source>the reader does not know the command</source>
        <translation>阅读器不认识该命令</translation>
    </message>
    <message>
        <source>the operation is not permitted on this card</source>
        <translation>此卡不允许该操作</translation>
    </message>
    <message>
        <source>the reader reports an unrecognised error</source>
        <translation>阅读器报告了无法识别的错误</translation>
    </message>
    <message>
        <source>the card failed authentication</source>
        <translation>卡片认证失败</translation>
    </message>
    <message>
        <source>the card&apos;s information failed authentication</source>
        <translation>卡片信息认证失败</translation>
    </message>
    <message>
        <source>the card is of an unrecognised type</source>
        <translation>卡片类型无法识别</translation>
    </message>
    <message>
        <source>reading the card failed</source>
        <translation>读卡失败</translation>
    </message>
    <message>
        <source>the reader&apos;s security module (SAM) failed its self-test</source>
        <translation>阅读器的安全模块（SAM）自检失败</translation>
    </message>
    <message>
        <source>the reader&apos;s security module (SAM) is not authorised</source>
        <translation>阅读器的安全模块（SAM）未获授权</translation>
    </message>
    <message>
        <source>no card was found on the reader</source>
        <translation>阅读器上未找到卡片</translation>
    </message>
    <message>
        <source>selecting the card failed</source>
        <translation>选卡失败</translation>
    </message>
    <message>
        <source>the card has no content of that kind</source>
        <translation>卡片中没有此类内容</translation>
    </message>
    <message>
        <source>an undocumented status 0x{sw3}</source>
        <translation>未记录的状态码 0x{sw3}</translation>
    </message>
    <message>
        <source>check the ID card reader&apos;s USB cable and power, and that idcard_port names it (ls -l /dev/serial/by-id lists the serial devices)</source>
        <translation>请检查身份证阅读器的 USB 线缆和电源，并确认 idcard_port 指向它（ls -l /dev/serial/by-id 可列出串口设备）</translation>
    </message>
    <message>
        <source>{port} is held by another program (a running kiosk?)</source>
        <translation>{port} 被其他程序占用（是否有正在运行的自助机？）</translation>
    </message>
    <message>
        <source>normal while the kiosk runs: look from staff mode&apos;s diagnostics, or stop the kiosk and look again</source>
        <translation>自助机运行时属正常现象：请在员工模式的诊断中查看，或停止自助机后再查看</translation>
    </message>
    <message>
        <source>no device at {port}</source>
        <translation>{port} 处没有设备</translation>
    </message>
    <message>
        <source>{port} cannot be used: {error}</source>
        <translation>{port} 无法使用：{error}</translation>
    </message>
    <message>
        <source>check the cable; the kiosk&apos;s user must be allowed to open the port (the dialout group)</source>
        <translation>请检查线缆；自助机的运行用户须有权打开该端口（dialout 组）</translation>
    </message>
    <message>
        <source>the ID card reader at {port} does not answer</source>
        <translation>{port} 上的身份证阅读器无应答</translation>
    </message>
    <message>
        <source>check its power and cable, and that idcard_port is the ID card reader, not another serial device</source>
        <translation>请检查其电源和线缆，并确认 idcard_port 指向的是身份证阅读器而不是其他串口设备</translation>
    </message>
    <message>
        <source>the ID card reader at {port} answers garbled</source>
        <translation>{port} 上的身份证阅读器应答错乱</translation>
    </message>
    <message>
        <source>check the cable, and that idcard_port is the ID card reader (115200 8N1)</source>
        <translation>请检查线缆，并确认 idcard_port 指向身份证阅读器（115200 8N1）</translation>
    </message>
    <message>
        <source>power the reader off and on; if it stays, the reader needs its vendor&apos;s service</source>
        <translation>请将阅读器断电后重新上电；如仍存在，阅读器需由厂商维修</translation>
    </message>
    <message>
        <source>the reader&apos;s security module must be authorised by its supplier: call the reader&apos;s vendor</source>
        <translation>阅读器的安全模块须由供应商授权：请联系阅读器厂商</translation>
    </message>
    <message>
        <source>power the reader off and on; check that idcard_port is the ID reader</source>
        <translation>请将阅读器断电后重新上电；并确认 idcard_port 指向身份证阅读器</translation>
    </message>
    <message>
        <source>the reader says: {words} (status {sw3})</source>
        <translation>阅读器报告：{words}（状态码 {sw3}）</translation>
    </message>
    <message>
        <source>the ID card reader failed ({error})</source>
        <translation>身份证阅读器出错（{error}）</translation>
    </message>
    <message>
        <source>the simulated reader is unplugged: plug it back in from the demo tray</source>
        <translation>模拟阅读器已拔出：请在演示托盘中重新插上</translation>
    </message>
</context>
<context>
    <name>EntryField</name>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Clear this field</source>
        <translation>清空本栏内容</translation>
    </message>
</context>
<context>
    <name>Header</name>
    <message>
        <source>Social Security Card Self-Service</source>
        <translation>社会保障卡自助服务</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <source>Change language to {language}</source>
        <translation>切换语言为{language}</translation>
    </message>
    <message>
        <source>Larger text</source>
        <translation>大字模式</translation>
    </message>
</context>
<context>
    <name>IdCardPanel</name>
    <message>
        <source>This kind of ID card cannot be read here. Please type the number instead.</source>
        <translation>本机不能读取这种证件，请改为输入号码。</translation>
    </message>
    <message>
        <source>This ID card is the cardholder&apos;s. Please lay your own ID card on the reader.</source>
        <translation>这是持卡人本人的身份证。请将您自己的身份证放在阅读器上。</translation>
    </message>
    <message>
        <source>This ID card is yours, not the cardholder&apos;s. Please lay the cardholder&apos;s ID card on the reader.</source>
        <translation>这是您本人的身份证，不是持卡人的。请将持卡人的身份证放在阅读器上。</translation>
    </message>
    <message>
        <source>The ID card could not be read. Take it away and lay it flat on the reader again.</source>
        <translation>未能读取身份证。请拿开后重新平放在阅读器上。</translation>
    </message>
    <message>
        <source>ID card read</source>
        <translation>已读取身份证</translation>
    </message>
    <message>
        <source>Use another ID card</source>
        <translation>换一张身份证</translation>
    </message>
    <message>
        <source>Lay your own ID card on the reader below the screen</source>
        <translation>请将您本人的身份证放在屏幕下方的阅读器上</translation>
    </message>
    <message>
        <source>Lay the ID card on the reader below the screen</source>
        <translation>请将身份证放在屏幕下方的阅读器上</translation>
    </message>
    <message>
        <source>Type the number instead</source>
        <translation>改为输入号码</translation>
    </message>
</context>
<context>
    <name>IdNumberField</name>
    <message>
        <source>An ID number cannot start with 0 or 9.</source>
        <translation>身份证号码不能以 0 或 9 开头。</translation>
    </message>
    <message>
        <source>The 7th to 14th digits must be a date of birth, like 19850612.</source>
        <translation>第 7 至 14 位应为出生日期，例如 19850612。</translation>
    </message>
    <message>
        <source>The last character does not fit the 17 before it: a digit may be mistyped. Please check the number.</source>
        <translation>最后一位与前 17 位不符，可能有数字输错，请核对号码。</translation>
    </message>
    <message>
        <source>Only the last character can be X.</source>
        <translation>只有最后一位可以是 X。</translation>
    </message>
    <message>
        <source>18 characters, as on the ID card. The last may be X.</source>
        <translation>共 18 位，与身份证上一致，最后一位可能是 X。</translation>
    </message>
</context>
<context>
    <name>IdentifyScreen</name>
    <message>
        <source>Checking…</source>
        <translation>正在核验…</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>I am reporting for someone else</source>
        <translation>我为他人代办</translation>
    </message>
    <message>
        <source>Lay the cardholder&apos;s ID card on the reader and type their registered mobile number. Yours comes next.</source>
        <translation>请将持卡人的身份证放在阅读器上，并输入其登记的手机号码。下一步再读取您本人的身份证。</translation>
    </message>
    <message>
        <source>Lay your ID card on the reader, then type the mobile number registered with social security.</source>
        <translation>请将身份证放在阅读器上，再输入在社保登记的手机号码。</translation>
    </message>
    <message>
        <source>Type the cardholder&apos;s ID number and the mobile number they registered with social security. Your own details come next.</source>
        <translation>请输入持卡人的身份证号码和社保预留手机号码。下一步再填写您本人的信息。</translation>
    </message>
    <message>
        <source>Type the ID number and the mobile number registered with social security. You do not need the card.</source>
        <translation>请输入身份证号码和社保预留手机号码，无需提供社保卡。</translation>
    </message>
    <message>
        <source>Enter the cardholder&apos;s details</source>
        <translation>请填写持卡人信息</translation>
    </message>
    <message>
        <source>Cardholder&apos;s ID number</source>
        <translation>持卡人身份证号码</translation>
    </message>
    <message>
        <source>Registered mobile number</source>
        <translation>预留手机号码</translation>
    </message>
    <message>
        <source>Use the ID card reader instead</source>
        <translation>改用身份证阅读器</translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message>
        <source>To protect your information, this session will end in {seconds} seconds.</source>
        <translation>为保护您的个人信息，本次服务将在 {seconds} 秒后结束。</translation>
    </message>
    <message>
        <source>Do you need more time?</source>
        <translation>您还需要更多时间吗？</translation>
    </message>
    <message>
        <source>Yes, I need more time</source>
        <translation>需要，继续办理</translation>
    </message>
    <message>
        <source>End</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>End the session</source>
        <translation>结束本次服务</translation>
    </message>
</context>
<context>
    <name>InjurySection</name>
    <message>
        <source>No work injury or occupational disease records.</source>
        <translation>暂无工伤与职业病劳动能力鉴定记录。</translation>
    </message>
</context>
<context>
    <name>Keyboard</name>
    <message>
        <source>Shift</source>
        <translation>大写</translation>
    </message>
    <message>
        <source>Capital letters</source>
        <translation>大写字母</translation>
    </message>
    <message>
        <source>Symbols</source>
        <translation>符号</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>空格</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete the last character</source>
        <translation>删除最后一个字符</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>Keyboard</source>
        <translation>键盘</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <source>{count} of {total} digits entered</source>
        <translation>已输入 {count} 位，共 {total} 位</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Clear all digits</source>
        <translation>清空已输入的数字</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete the last digit</source>
        <translation>删除最后一位</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Confirm PIN</source>
        <translation>确认密码</translation>
    </message>
    <message>
        <source>PIN keypad</source>
        <translation>密码键盘</translation>
    </message>
</context>
<context>
    <name>LookupResultScreen</name>
    <message>
        <source>Voucher</source>
        <translation>凭证</translation>
    </message>
    <message>
        <source>Your application has been received.</source>
        <translation>您的申请已受理。</translation>
    </message>
    <message>
        <source>Your new card is being made.</source>
        <translation>您的新卡正在制作中。</translation>
    </message>
    <message>
        <source>Your new card is ready. Bring your ID card (the original and a photocopy) and this voucher to collect it.</source>
        <translation>新卡已制作完成，请携带身份证原件及复印件和本凭证前往领取。</translation>
    </message>
    <message>
        <source>The new card has been collected.</source>
        <translation>新卡已领取。</translation>
    </message>
    <message>
        <source>Issued {date}, {time}</source>
        <translation>{date} {time} 开具</translation>
    </message>
    <message>
        <source>Voucher number {number}</source>
        <translation>凭证号 {number}</translation>
    </message>
    <message>
        <source>Cardholder: {name}</source>
        <translation>持卡人：{name}</translation>
    </message>
    <message>
        <source>Collect at</source>
        <translation>领卡网点</translation>
    </message>
    <message>
        <source>Ready from</source>
        <translation>预计领卡日期</translation>
    </message>
    <message>
        <source>Lost the paper? You can print this voucher again once here.</source>
        <translation>凭证丢失了？可在本机补打一次。</translation>
    </message>
    <message>
        <source>Reprint my voucher</source>
        <translation>补打凭证</translation>
    </message>
    <message>
        <source>Recorded at another kiosk ({kiosk}). It can be reprinted at that kiosk or at a counter, not here.</source>
        <translation>此凭证在另一台自助机（{kiosk}）办理，可在该自助机或服务窗口补打，本机不能补打。</translation>
    </message>
    <message>
        <source>Already reprinted once: ask at a counter for another copy.</source>
        <translation>已在本机补打过一次，如需再次补打，请到服务窗口办理。</translation>
    </message>
    <message>
        <source>Your voucher</source>
        <translation>您的凭证</translation>
    </message>
    <message>
        <source>Your vouchers</source>
        <translation>您的凭证</translation>
    </message>
    <message>
        <source>Here is how your new card is coming along.</source>
        <translation>以下是您新卡的办理进度。</translation>
    </message>
    <message>
        <source>Here is what we found.</source>
        <translation>查询结果如下。</translation>
    </message>
    <message>
        <source>Printing your voucher…</source>
        <translation>正在打印凭证…</translation>
    </message>
    <message>
        <source>Your voucher {number} was printed again. Please take it.</source>
        <translation>凭证 {number} 已补打，请取走。</translation>
    </message>
    <message>
        <source>The voucher could not be printed. Please note or photograph the voucher number {number}; a counter can print it for you.</source>
        <translation>凭证未能打印。请记下或拍下凭证号 {number}，可到服务窗口为您打印。</translation>
    </message>
    <message>
        <source>Social security hotline: 12333</source>
        <translation>社保服务热线：12333</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>LookupScreen</name>
    <message>
        <source>Searching…</source>
        <translation>正在查询…</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>We could not look this up. Please ask at a counter.</source>
        <translation>暂时无法查询，请到服务窗口咨询。</translation>
    </message>
    <message>
        <source>Find your voucher</source>
        <translation>查询凭证</translation>
    </message>
    <message>
        <source>This code is not a voucher of this service. Please scan the QR code printed on your voucher, or find it by ID number.</source>
        <translation>扫描到的不是本服务的凭证二维码。请扫描凭证上印制的二维码，或改用身份证号码查询。</translation>
    </message>
    <message>
        <source>This voucher is genuine, but this kiosk has no record of it. Please ask at a service counter.</source>
        <translation>该凭证真实有效，但本机没有它的办理记录。请到服务窗口咨询。</translation>
    </message>
    <message>
        <source>This cardholder has no vouchers from a kiosk.</source>
        <translation>该持卡人没有在自助终端办理过业务的凭证。</translation>
    </message>
    <message>
        <source>Scan the QR code on your voucher to see how far it is.</source>
        <translation>请扫描凭证上的二维码，查询办理进度。</translation>
    </message>
    <message>
        <source>No voucher at hand? Give the cardholder&apos;s ID and mobile numbers.</source>
        <translation>凭证不在身边？请输入持卡人身份证号码和预留手机号码。</translation>
    </message>
    <message>
        <source>Looking the voucher up…</source>
        <translation>正在查询凭证…</translation>
    </message>
    <message>
        <source>Waiting for the QR code…</source>
        <translation>等待扫描二维码…</translation>
    </message>
    <message>
        <source>Scan the voucher</source>
        <translation>扫描凭证</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号码</translation>
    </message>
    <message>
        <source>ID number and mobile number</source>
        <translation>身份证号码和预留手机号码</translation>
    </message>
    <message>
        <source>Hold the QR code under the scanner</source>
        <translation>请将二维码对准扫描窗口</translation>
    </message>
    <message>
        <source>Hold the QR code printed on your voucher over the kiosk&apos;s scanner window, about a hand&apos;s width away. As soon as the code is read, the kiosk looks the voucher up by itself.</source>
        <translation>将凭证上印制的二维码对准本机的扫描窗口，距离约一掌宽。识别成功后，本机将自动查询。</translation>
    </message>
    <message>
        <source>Registered mobile number</source>
        <translation>预留手机号码</translation>
    </message>
    <message>
        <source>Use the ID card reader instead</source>
        <translation>改用身份证阅读器</translation>
    </message>
</context>
<context>
    <name>MaterialsScreen</name>
    <message>
        <source>What to bring when you collect the card</source>
        <translation>领卡时请携带以下材料</translation>
    </message>
    <message>
        <source>Please bring these things to the outlet. They are also printed on your voucher.</source>
        <translation>请携带以下材料到领卡网点，这些内容也会打印在凭证上。</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>A photocopy alone is not enough.</source>
        <translation>仅有复印件不能办理。</translation>
    </message>
    <message>
        <source>You act for the cardholder, so bring your own ID card too.</source>
        <translation>您是代办人，还需携带您本人的身份证。</translation>
    </message>
    <message>
        <source>You get it at the end of this application. Keep it safe until then.</source>
        <translation>本次办理结束时打印，领卡前请妥善保管。</translation>
    </message>
    <message>
        <source>We have no ID photo of the cardholder on file, so a recent photo is needed.</source>
        <translation>系统中没有持卡人的证件照片，需提供近期照片。</translation>
    </message>
    <message>
        <source>{number}. {thing}</source>
        <translation>第{number}项&#x3000;{thing}</translation>
    </message>
</context>
<context>
    <name>MobileField</name>
    <message>
        <source>A mobile number starts with 1.</source>
        <translation>手机号码以 1 开头。</translation>
    </message>
    <message>
        <source>The second digit of a mobile number is 3 to 9.</source>
        <translation>手机号码第 2 位应为 3 至 9。</translation>
    </message>
    <message>
        <source>11 digits, starting with 1.</source>
        <translation>共 11 位，以 1 开头。</translation>
    </message>
</context>
<context>
    <name>NameField</name>
    <message>
        <source>A name has no digits or symbols.</source>
        <translation>姓名中不能含有数字或符号。</translation>
    </message>
</context>
<context>
    <name>NameInput</name>
    <message>
        <source>No character</source>
        <translation>此处无字</translation>
    </message>
    <message>
        <source>Tap the character you mean. The arrows show more.</source>
        <translation>请点选您要的字，点箭头可看更多。</translation>
    </message>
    <message>
        <source>Type the pinyin of your surname, or tap it below.</source>
        <translation>请输入姓氏的拼音，或直接在下方点选。</translation>
    </message>
    <message>
        <source>Type the pinyin of the next character, or tap Done.</source>
        <translation>请输入下一个字的拼音，或点“完成”。</translation>
    </message>
    <message>
        <source>Type your name</source>
        <translation>输入姓名</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Loading the characters…</source>
        <translation>正在载入汉字…</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Done: back to the form</source>
        <translation>完成，返回填写页面</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete the last letter or character</source>
        <translation>删除最后一个字母或汉字</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Clear the whole name</source>
        <translation>清空整个姓名</translation>
    </message>
    <message>
        <source>Previous characters</source>
        <translation>上一页汉字</translation>
    </message>
    <message>
        <source>More characters</source>
        <translation>下一页汉字</translation>
    </message>
    <message>
        <source>Middle dot, between parts of a name</source>
        <translation>间隔号，用于分隔姓名的各部分</translation>
    </message>
    <message>
        <source>Letter ü</source>
        <translation>字母ü</translation>
    </message>
    <message>
        <source>Name input</source>
        <translation>姓名输入</translation>
    </message>
</context>
<context>
    <name>OutOfServiceScreen</name>
    <message>
        <source>This kiosk is out of service</source>
        <translation>本机暂停服务</translation>
    </message>
    <message>
        <source>Please go to a service counter, or use another kiosk.</source>
        <translation>请到服务窗口办理，或使用其他自助服务机。</translation>
    </message>
    <message>
        <source>A technician is servicing this kiosk.</source>
        <translation>技术员正在维护本机。</translation>
    </message>
    <message>
        <source>We are sorry for the inconvenience.</source>
        <translation>给您带来不便，敬请谅解。</translation>
    </message>
    <message>
        <source>Social security hotline: 12333</source>
        <translation>社保服务热线：12333</translation>
    </message>
    <message>
        <source>Reason code {code} · out of service for {duration} (since {time})</source>
        <translation>故障代码 {code} · 已暂停服务 {duration}（{time} 起）</translation>
    </message>
    <message>
        <source>Maintenance ({code}) · out of service for {duration} (since {time})</source>
        <translation>维护中（{code}）· 已暂停服务 {duration}（{time} 起）</translation>
    </message>
    <message>
        <source>less than a minute</source>
        <translation>不到 1 分钟</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} 分钟</translation>
    </message>
    <message>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} 小时 {minutes} 分钟</translation>
    </message>
    <message>
        <source>{days} d {hours} h</source>
        <translation>{days} 天 {hours} 小时</translation>
    </message>
</context>
<context>
    <name>OutletRow</name>
    <message>
        <source>{outlet} (chosen)</source>
        <translation>{outlet}（已选择）</translation>
    </message>
</context>
<context>
    <name>OutletScreen</name>
    <message>
        <source>Where will you collect your new card?</source>
        <translation>请选择领卡网点</translation>
    </message>
    <message>
        <source>Tap the service outlet that suits you best. You will collect the card there.</source>
        <translation>请点击方便您前往的服务网点，新卡将在该网点领取。</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>No outlet can hand out cards right now. Please ask at a service counter.</source>
        <translation>暂无可领卡的网点，请到服务窗口咨询。</translation>
    </message>
    <message>
        <source>Choose an outlet to go on.</source>
        <translation>请选择一个网点后继续。</translation>
    </message>
</context>
<context>
    <name>OverviewSection</name>
    <message>
        <source>Insurance status</source>
        <translation>参保状态</translation>
    </message>
    <message>
        <source>Not insured</source>
        <translation>未参保</translation>
    </message>
    <message>
        <source>{start} to {end}</source>
        <translation>{start} 至 {end}</translation>
    </message>
    <message>
        <source>Since {date}</source>
        <translation>自 {date} 起</translation>
    </message>
    <message>
        <source>No account on record.</source>
        <translation>暂无账户记录。</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>账户余额</translation>
    </message>
    <message>
        <source>Credited in {year}</source>
        <translation>{year}记入</translation>
    </message>
    <message>
        <source>Paid out in {year}</source>
        <translation>{year}支出</translation>
    </message>
    <message>
        <source>As of {date}</source>
        <translation>截至 {date}</translation>
    </message>
</context>
<context>
    <name>PickupScreen</name>
    <message>
        <source>When your new card will be ready</source>
        <translation>新卡领取时间</translation>
    </message>
    <message>
        <source>Your new card will be waiting at the outlet from the date below.</source>
        <translation>自以下日期起，可到领卡网点领取新卡。</translation>
    </message>
    <message>
        <source>Time needed</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>About {date}</source>
        <translation>约 {date}</translation>
    </message>
    <message>
        <source>The public holidays of {year} are not published yet, so this date may move. The outlet will confirm it.</source>
        <translation>{year} 年的节假日安排尚未公布，此日期可能调整，以领卡网点确认为准。</translation>
    </message>
    <message>
        <source>{days} working days</source>
        <translation>{days} 个工作日</translation>
    </message>
    <message>
        <source>Ready for collection from {date}</source>
        <translation>预计领卡日期：{date}</translation>
    </message>
</context>
<context>
    <name>PinScreen</name>
    <message>
        <source>Wrong PIN. Only 1 try left: one more wrong PIN will block your card.</source>
        <translation>密码错误。仅剩 1 次机会，再输错一次，社保卡密码将被锁定。</translation>
    </message>
    <message>
        <source>Only 1 try left: one more wrong PIN will block your card.</source>
        <translation>仅剩 1 次机会，再输错一次，社保卡密码将被锁定。</translation>
    </message>
    <message>
        <source>Wrong PIN. {n} tries left.</source>
        <translation>密码错误，剩余 {n} 次机会。</translation>
    </message>
    <message>
        <source>You have {n} tries.</source>
        <translation>剩余 {n} 次机会。</translation>
    </message>
    <message>
        <source>Enter your card PIN</source>
        <translation>请输入社保卡密码</translation>
    </message>
    <message>
        <source>Type the 6-digit PIN of your social security card, then press OK.</source>
        <translation>请输入 6 位数字密码，然后按“确认”。</translation>
    </message>
    <message>
        <source>Checking your PIN…</source>
        <translation>正在验证密码，请稍候…</translation>
    </message>
    <message>
        <source>Forgot your PIN? A counter can reset it when you show your ID card.</source>
        <translation>忘记密码？请携带身份证到服务窗口重置。</translation>
    </message>
</context>
<context>
    <name>ProblemScreen</name>
    <message>
        <source>What to do now</source>
        <translation>请按以下步骤办理</translation>
    </message>
    <message>
        <source>Social security hotline: 12333</source>
        <translation>社保服务热线：12333</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Cancel the loss report</source>
        <translation>解除挂失</translation>
    </message>
    <message>
        <source>Take the card out.</source>
        <translation>请取出社保卡。</translation>
    </message>
    <message>
        <source>Go to a counter with this card and your ID card.</source>
        <translation>请携带本卡和身份证到服务窗口办理。</translation>
    </message>
    <message>
        <source>Your card could not be read</source>
        <translation>无法读取您的社保卡</translation>
    </message>
    <message>
        <source>The kiosk could not read the chip on this card.</source>
        <translation>本机未能读取这张卡的芯片信息。</translation>
    </message>
    <message>
        <source>Check that the chip is clean and not scratched.</source>
        <translation>检查芯片是否干净、有无划痕。</translation>
    </message>
    <message>
        <source>Insert it again with the chip facing up.</source>
        <translation>将芯片朝上，重新插入。</translation>
    </message>
    <message>
        <source>If it still cannot be read, a counter can help you.</source>
        <translation>如仍无法读取，请到服务窗口办理。</translation>
    </message>
    <message>
        <source>This is not a social security card</source>
        <translation>这不是社会保障卡</translation>
    </message>
    <message>
        <source>The card in the slot is another kind of chip card, such as a bank card.</source>
        <translation>插入的是其他芯片卡，例如银行卡。</translation>
    </message>
    <message>
        <source>Insert your social security card with the chip facing up.</source>
        <translation>请将社保卡芯片朝上插入。</translation>
    </message>
    <message>
        <source>This card cannot be read at this kiosk</source>
        <translation>本机暂不支持读取这张卡</translation>
    </message>
    <message>
        <source>Your card is a newer type that this kiosk cannot read. This does not mean that anything is wrong with it.</source>
        <translation>您的社保卡是新版卡，本机暂时无法读取，这并不表示卡片有问题。</translation>
    </message>
    <message>
        <source>A counter can show you your records. Bring your ID card.</source>
        <translation>如需查询个人权益记录，请携带身份证到服务窗口办理。</translation>
    </message>
    <message>
        <source>We have no record of this card</source>
        <translation>系统中没有这张卡的记录</translation>
    </message>
    <message>
        <source>The social security system does not know this card. It may not have been activated yet.</source>
        <translation>社会保障信息系统中查不到这张卡，可能尚未启用。</translation>
    </message>
    <message>
        <source>This card has expired</source>
        <translation>这张卡已过有效期</translation>
    </message>
    <message>
        <source>This card expired on {date}.</source>
        <translation>这张卡的有效期已于 {date} 届满。</translation>
    </message>
    <message>
        <source>The validity period of this card has ended.</source>
        <translation>这张卡的有效期已届满。</translation>
    </message>
    <message>
        <source>Apply for a replacement card at a counter. Bring this card and your ID card.</source>
        <translation>请携带本卡和身份证，到服务窗口申请换卡。</translation>
    </message>
    <message>
        <source>This card is under a temporary loss report</source>
        <translation>这张卡已临时挂失</translation>
    </message>
    <message>
        <source>It was reported lost, so it is blocked for now to protect you.</source>
        <translation>为保护您的权益，临时挂失期间这张卡暂停使用。</translation>
    </message>
    <message>
        <source>If you have found your card, you can cancel the loss report here: tap Cancel the loss report and enter the card&apos;s PIN.</source>
        <translation>如已找回卡片，可在本机解除挂失：点击“解除挂失”，然后输入社保卡密码。</translation>
    </message>
    <message>
        <source>Otherwise, take the card out.</source>
        <translation>如不办理，请取出社保卡。</translation>
    </message>
    <message>
        <source>This card is under a temporary loss report and its PIN is blocked</source>
        <translation>这张卡已临时挂失，且密码已锁定</translation>
    </message>
    <message>
        <source>It was reported lost, so it is blocked for now to protect you. Its PIN was entered wrongly too many times, so the loss report cannot be cancelled at this kiosk.</source>
        <translation>为保护您的权益，临时挂失期间这张卡暂停使用。由于密码输错次数过多已被锁定，本机无法为这张卡解除挂失。</translation>
    </message>
    <message>
        <source>Go to a counter with this card and your ID card. Staff there can unblock the PIN and cancel the loss report.</source>
        <translation>请携带本卡和身份证到服务窗口，由工作人员为您办理密码解锁和解除挂失。</translation>
    </message>
    <message>
        <source>This card has been replaced</source>
        <translation>这张卡已换发新卡</translation>
    </message>
    <message>
        <source>A new card was issued in its place, so this card can no longer be used.</source>
        <translation>已为您换发新卡，这张卡不能再使用。</translation>
    </message>
    <message>
        <source>Please use your new card.</source>
        <translation>请使用新卡。</translation>
    </message>
    <message>
        <source>The kiosk cannot connect to the social security system at the moment. This is not a fault of your card.</source>
        <translation>本机暂时无法连接社会保障信息系统，这不是您的社保卡的问题。</translation>
    </message>
    <message>
        <source>This card has been reported lost</source>
        <translation>这张卡已挂失</translation>
    </message>
    <message>
        <source>A final loss report was made for this card, so it can no longer be used.</source>
        <translation>这张卡已正式挂失，不能再使用。</translation>
    </message>
    <message>
        <source>A final loss report was made for this card, so it can no longer be used. Your new card is ready to collect.</source>
        <translation>这张卡已正式挂失，不能再使用。您的新卡已制作完成，可以领取。</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>现在即可领取</translation>
    </message>
    <message>
        <source>Ready for collection</source>
        <translation>领卡时间</translation>
    </message>
    <message>
        <source>A final loss report was made for this card, so it can no longer be used. A new card is being made for you.</source>
        <translation>这张卡已正式挂失，不能再使用。您的新卡正在制作中。</translation>
    </message>
    <message>
        <source>About {date}</source>
        <translation>约 {date}</translation>
    </message>
    <message>
        <source>Ready from</source>
        <translation>预计领卡日期</translation>
    </message>
    <message>
        <source>Collect your new card at the outlet above. Bring your ID card and your card receipt voucher.</source>
        <translation>请携带身份证和领卡凭证，到上述网点领取新卡。</translation>
    </message>
    <message>
        <source>Collect at</source>
        <translation>领卡网点</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>网点地址</translation>
    </message>
    <message>
        <source>Opening hours</source>
        <translation>营业时间</translation>
    </message>
    <message>
        <source>For help, go to a counter with your ID card.</source>
        <translation>如需帮助，请携带身份证到服务窗口咨询。</translation>
    </message>
    <message>
        <source>This card has been cancelled</source>
        <translation>这张卡已注销</translation>
    </message>
    <message>
        <source>This card can no longer be used.</source>
        <translation>这张卡不能再使用。</translation>
    </message>
    <message>
        <source>To get a new card, go to a counter with your ID card.</source>
        <translation>如需办理新卡，请携带身份证到服务窗口申请。</translation>
    </message>
    <message>
        <source>Your card&apos;s PIN is blocked</source>
        <translation>社保卡密码已锁定</translation>
    </message>
    <message>
        <source>The PIN was entered wrongly too many times, so the card has locked it to protect you. No more tries are possible.</source>
        <translation>密码输错次数过多，为保护您的权益，卡片已锁定密码，不能再尝试。</translation>
    </message>
    <message>
        <source>Go to a counter with this card and your ID card to unblock it.</source>
        <translation>请携带本卡和身份证到服务窗口办理密码解锁。</translation>
    </message>
    <message>
        <source>Your records cannot be reached right now</source>
        <translation>暂时无法查询您的记录</translation>
    </message>
    <message>
        <source>Please try again later, or go to a counter.</source>
        <translation>请稍后再试，或到服务窗口办理。</translation>
    </message>
    <message>
        <source>The card reader is not working right now</source>
        <translation>读卡器暂时无法使用</translation>
    </message>
    <message>
        <source>Until it is repaired, this kiosk cannot read cards.</source>
        <translation>在修复之前，本机暂时无法读取社保卡。</translation>
    </message>
    <message>
        <source>Please use a counter, or try again later.</source>
        <translation>请到服务窗口办理，或稍后再试。</translation>
    </message>
</context>
<context>
    <name>ReadingScreen</name>
    <message>
        <source>Reading your card…</source>
        <translation>正在读取社保卡…</translation>
    </message>
    <message>
        <source>Please do not remove your card.</source>
        <translation>读卡过程中请勿拔出社保卡。</translation>
    </message>
</context>
<context>
    <name>ReceiptScreen</name>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Scan this code at a kiosk to look the voucher up.</source>
        <translation>在自助终端扫描此码可查询凭证</translation>
    </message>
    <message>
        <source>Collect your new card</source>
        <translation>领取新卡</translation>
    </message>
    <message>
        <source>Your card is now blocked</source>
        <translation>社保卡已临时挂失</translation>
    </message>
    <message>
        <source>The temporary loss report is recorded. If you find the card, you can undo it at this kiosk with the card and its PIN.</source>
        <translation>临时挂失已办理。如找回卡片，可持卡在本机输入密码解除挂失。</translation>
    </message>
    <message>
        <source>Your new card has been applied for</source>
        <translation>新卡申请已受理</translation>
    </message>
    <message>
        <source>The loss report is recorded and the old card no longer works.</source>
        <translation>挂失已办理，原卡已停止使用。</translation>
    </message>
    <message>
        <source>Your card works again</source>
        <translation>社保卡已恢复使用</translation>
    </message>
    <message>
        <source>The temporary loss report is cancelled. You can use the card at once.</source>
        <translation>临时挂失已解除，卡片可立即使用。</translation>
    </message>
    <message>
        <source>Your loss report is recorded</source>
        <translation>您的挂失已登记</translation>
    </message>
    <message>
        <source>Recorded at this kiosk. The card will be blocked when the connection returns, usually within minutes. Keep your voucher.</source>
        <translation>已在本机登记。网络恢复后（通常几分钟内）将冻结此卡。请保管好凭证。</translation>
    </message>
    <message>
        <source>Recorded at this kiosk. The old card will be blocked and the new card applied for when the connection returns, usually within minutes. Keep your voucher.</source>
        <translation>已在本机登记。网络恢复后（通常几分钟内）将冻结旧卡并申请补办新卡。请保管好凭证。</translation>
    </message>
    <message>
        <source>Your cancellation is recorded</source>
        <translation>您的解除挂失已登记</translation>
    </message>
    <message>
        <source>Recorded at this kiosk. The card will be unblocked when the connection returns, usually within minutes. Keep your voucher.</source>
        <translation>已在本机登记。网络恢复后（通常几分钟内）将解除此卡的冻结。请保管好凭证。</translation>
    </message>
    <message>
        <source>Your application is recorded</source>
        <translation>您的申请已登记</translation>
    </message>
    <message>
        <source>Recorded at this kiosk. The new card will be applied for when the connection returns, usually within minutes. Your current card keeps working until you collect the new one.</source>
        <translation>已在本机登记。网络恢复后（通常几分钟内）将申请补办新卡。领取新卡前，您现在的卡仍可使用。</translation>
    </message>
    <message>
        <source>Printing your voucher…</source>
        <translation>正在打印凭证…</translation>
    </message>
    <message>
        <source>Please take your voucher and keep it safe.</source>
        <translation>请取走凭证并妥善保管。</translation>
    </message>
    <message>
        <source>The voucher could not be printed. Please note or photograph the voucher number and the QR code; you can reprint it at this kiosk (Voucher lookup) or at a counter.</source>
        <translation>凭证未能打印。请记下或拍下凭证号和二维码，之后可在本机或服务窗口补打。</translation>
    </message>
    <message>
        <source>Your voucher number: please write it down or take a photo</source>
        <translation>您的凭证号（请抄下或拍照保存）</translation>
    </message>
    <message>
        <source>Voucher number</source>
        <translation>凭证号</translation>
    </message>
    <message>
        <source>Voucher number {number}</source>
        <translation>凭证号 {number}</translation>
    </message>
    <message>
        <source>QR code of the voucher</source>
        <translation>凭证二维码</translation>
    </message>
    <message>
        <source>From {date}</source>
        <translation>{date} 起可领取</translation>
    </message>
    <message>
        <source>From about {date} (the outlet will confirm the date)</source>
        <translation>约 {date} 起可领取（以网点确认为准）</translation>
    </message>
</context>
<context>
    <name>RecordsScreen</name>
    <message>
        <source>Overview</source>
        <translation>参保概况</translation>
    </message>
    <message>
        <source>Contributions</source>
        <translation>缴费记录</translation>
    </message>
    <message>
        <source>Work and skills</source>
        <translation>工作与技能</translation>
    </message>
    <message>
        <source>Work injuries</source>
        <translation>工伤记录</translation>
    </message>
    <message>
        <source>Statement printing</source>
        <translation>个人权益记录打印情况</translation>
    </message>
    <message>
        <source>ID number {ssn}</source>
        <translation>身份证号 {ssn}</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>正在打印…</translation>
    </message>
    <message>
        <source>Print statement</source>
        <translation>打印权益记录</translation>
    </message>
    <message>
        <source>Print {year} statement</source>
        <translation>打印{year}年权益记录</translation>
    </message>
    <message>
        <source>Print a statement of your records</source>
        <translation>打印个人权益记录</translation>
    </message>
    <message>
        <source>Print a statement of your records with the contributions of {year}</source>
        <translation>打印含{year}年缴费记录的个人权益记录</translation>
    </message>
    <message>
        <source>Printing your statement. Please wait…</source>
        <translation>正在打印个人权益记录，请稍候…</translation>
    </message>
    <message>
        <source>Printing your {year} statement. Please wait…</source>
        <translation>正在打印{year}年个人权益记录，请稍候…</translation>
    </message>
    <message>
        <source>Your statement is printed. Please take it from the printer.</source>
        <translation>个人权益记录已打印，请从出纸口取走。</translation>
    </message>
    <message>
        <source>Your {year} statement is printed. Please take it from the printer.</source>
        <translation>{year}年个人权益记录已打印，请从出纸口取走。</translation>
    </message>
    <message>
        <source>the printer is out of paper</source>
        <translation>打印机缺纸</translation>
    </message>
    <message>
        <source>the printer is not available</source>
        <translation>打印机不可用</translation>
    </message>
    <message>
        <source>the printer reported a fault</source>
        <translation>打印机故障</translation>
    </message>
    <message>
        <source>The statement could not be printed: {reason}. Please ask at a counter.</source>
        <translation>个人权益记录未能打印：{reason}。请到服务窗口咨询。</translation>
    </message>
</context>
<context>
    <name>RefusedScreen</name>
    <message>
        <source>What to do now</source>
        <translation>请按以下步骤办理</translation>
    </message>
    <message>
        <source>Social security hotline: 12333</source>
        <translation>社保服务热线：12333</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Go to a service counter with your ID card.</source>
        <translation>请携带身份证到服务窗口办理。</translation>
    </message>
    <message>
        <source>To see how far your new card is, tap Voucher / reissue progress on the start screen.</source>
        <translation>如需查看新卡办理进度，请在首页点击“领卡凭证 / 补卡进度查询”。</translation>
    </message>
    <message>
        <source>Your details do not match our records</source>
        <translation>信息核验未通过</translation>
    </message>
    <message>
        <source>The ID number and mobile number do not match our records. Check both and try again.</source>
        <translation>身份证号码或预留手机号码有误，请核对后重试。</translation>
    </message>
    <message>
        <source>If your mobile number has changed, a service counter can update it.</source>
        <translation>如预留手机号码已变更，可到服务窗口办理变更。</translation>
    </message>
    <message>
        <source>This ID number is locked for now</source>
        <translation>该身份证号码已暂停核验</translation>
    </message>
    <message>
        <source>The mobile number given for this ID number was wrong too many times, so to protect the cardholder it cannot be used to identify at any kiosk until {when}.</source>
        <translation>该身份证号码对应的手机号码输错次数过多。为保护持卡人权益，{when}前不能在任何自助终端用于身份核验。</translation>
    </message>
    <message>
        <source>The mobile number given for this ID number was wrong too many times, so to protect the cardholder it cannot be used to identify at a kiosk for now.</source>
        <translation>该身份证号码对应的手机号码输错次数过多。为保护持卡人权益，暂时不能在自助终端用于身份核验。</translation>
    </message>
    <message>
        <source>Go to a service counter with your ID card: staff can help at once.</source>
        <translation>请携带身份证到服务窗口，工作人员可当场为您办理。</translation>
    </message>
    <message>
        <source>This kiosk has paused checking details</source>
        <translation>本机已暂停身份与凭证核验</translation>
    </message>
    <message>
        <source>There were many wrong attempts at this kiosk in a short time, so it does not check ID numbers or vouchers until {when}. Inserting a social security card still works.</source>
        <translation>本机短时间内出现多次错误尝试，{when}前暂停核验身份证号码和凭证。插入社保卡办理的业务不受影响。</translation>
    </message>
    <message>
        <source>There were many wrong attempts at this kiosk in a short time, so it does not check ID numbers or vouchers for now. Inserting a social security card still works.</source>
        <translation>本机短时间内出现多次错误尝试，暂停核验身份证号码和凭证。插入社保卡办理的业务不受影响。</translation>
    </message>
    <message>
        <source>Or try again at this kiosk after that time.</source>
        <translation>或在上述时间之后再到本机办理。</translation>
    </message>
    <message>
        <source>This is not a voucher of this service</source>
        <translation>这不是本服务的凭证</translation>
    </message>
    <message>
        <source>The code scanned is not the QR code of a voucher printed by a kiosk.</source>
        <translation>扫描到的不是自助终端打印的凭证二维码。</translation>
    </message>
    <message>
        <source>Bring the voucher to a service counter with your ID card.</source>
        <translation>请携带凭证和身份证到服务窗口咨询。</translation>
    </message>
    <message>
        <source>Please look the voucher up again</source>
        <translation>请重新查询凭证</translation>
    </message>
    <message>
        <source>To see or reprint a voucher, scan its QR code or give the cardholder&apos;s ID number and mobile number again.</source>
        <translation>查看或补打凭证，需要重新扫描凭证二维码，或重新输入持卡人身份证号码和预留手机号码。</translation>
    </message>
    <message>
        <source>Tap Voucher / reissue progress on the start screen.</source>
        <translation>请在首页点击“领卡凭证 / 补卡进度查询”。</translation>
    </message>
    <message>
        <source>This card has already been reported lost</source>
        <translation>这张卡已正式挂失</translation>
    </message>
    <message>
        <source>A final loss report was made for this card, so it cannot be reported or replaced here again.</source>
        <translation>这张卡已办理正式挂失，不能在本机再次挂失或补卡。</translation>
    </message>
    <message>
        <source>For anything else, go to a service counter with your ID card.</source>
        <translation>如需办理其他业务，请携带身份证到服务窗口。</translation>
    </message>
    <message>
        <source>This card has been cancelled</source>
        <translation>这张卡已注销</translation>
    </message>
    <message>
        <source>The card can no longer be used, and this kiosk cannot replace it.</source>
        <translation>这张卡已不能使用，本机无法为其补换。</translation>
    </message>
    <message>
        <source>To get a new card, go to a service counter with your ID card.</source>
        <translation>如需办理新卡，请携带身份证到服务窗口申请。</translation>
    </message>
    <message>
        <source>A new card is already being made</source>
        <translation>新卡正在办理中</translation>
    </message>
    <message>
        <source>You have already applied for a new card, so you cannot apply again now.</source>
        <translation>您已申请过新卡，目前不能重复申请。</translation>
    </message>
    <message>
        <source>Collect the new card with the voucher you were given.</source>
        <translation>请凭领卡凭证领取新卡。</translation>
    </message>
    <message>
        <source>We have no record of this card</source>
        <translation>系统中没有这张卡的记录</translation>
    </message>
    <message>
        <source>The social security system does not know this card.</source>
        <translation>社会保障信息系统中查不到这张卡。</translation>
    </message>
    <message>
        <source>Go to a service counter with this card and your ID card.</source>
        <translation>请携带本卡和身份证到服务窗口办理。</translation>
    </message>
    <message>
        <source>There is no loss report to cancel</source>
        <translation>这张卡未挂失，无需解挂</translation>
    </message>
    <message>
        <source>This card is not under a temporary loss report.</source>
        <translation>这张卡不处于临时挂失状态。</translation>
    </message>
    <message>
        <source>If the card does not work, go to a service counter with your ID card.</source>
        <translation>如卡片无法正常使用，请携带身份证到服务窗口办理。</translation>
    </message>
    <message>
        <source>The service is not available right now</source>
        <translation>业务暂时无法办理</translation>
    </message>
    <message>
        <source>The kiosk cannot reach the social security system at the moment. Nothing was recorded.</source>
        <translation>本机暂时无法连接社会保障信息系统，本次业务未办理。</translation>
    </message>
    <message>
        <source>Try again in a few minutes: tap Try again.</source>
        <translation>请几分钟后点击“重试”。</translation>
    </message>
    <message>
        <source>Or go to a service counter with your ID card.</source>
        <translation>或携带身份证到服务窗口办理。</translation>
    </message>
    <message>
        <source>This voucher was already reprinted</source>
        <translation>该凭证已补打过</translation>
    </message>
    <message>
        <source>A voucher can be reprinted at the kiosk only once.</source>
        <translation>每张凭证在自助机上只能补打一次。</translation>
    </message>
    <message>
        <source>A service counter can print it again for you. Bring your ID card.</source>
        <translation>请携带身份证到服务窗口补打。</translation>
    </message>
    <message>
        <source>No voucher was found</source>
        <translation>未找到凭证</translation>
    </message>
    <message>
        <source>We found no voucher with these details.</source>
        <translation>未找到与所填信息相符的凭证。</translation>
    </message>
    <message>
        <source>Scan the QR code on the voucher again.</source>
        <translation>请重新扫描凭证上的二维码。</translation>
    </message>
    <message>
        <source>This cannot be done here</source>
        <translation>本机无法办理此业务</translation>
    </message>
</context>
<context>
    <name>ReviewScreen</name>
    <message>
        <source>Your card is blocked at once. You can undo this at this kiosk with the card and its PIN.</source>
        <translation>卡片将立即暂停使用。找回后，可持卡在本机输入密码解除挂失。</translation>
    </message>
    <message>
        <source>This cannot be undone. The old card stops working at once, even if you find it. A new card will be made.</source>
        <translation>办理后不能撤销。原卡立即停止使用，即使找回也不能再用。系统将为您制作新卡。</translation>
    </message>
    <message>
        <source>Your card will work again at once.</source>
        <translation>卡片将立即恢复使用。</translation>
    </message>
    <message>
        <source>Your current card keeps working until you collect the new one.</source>
        <translation>领取新卡前，您现在的卡仍可继续使用。</translation>
    </message>
    <message>
        <source>What happens to your card</source>
        <translation>对您卡片的影响</translation>
    </message>
    <message>
        <source>Please check the details</source>
        <translation>请核对办理信息</translation>
    </message>
    <message>
        <source>Read what will happen to the card. If something is wrong, tap Back.</source>
        <translation>请阅读办理后对卡片的影响。如有错误，请点击“返回”。</translation>
    </message>
    <message>
        <source>All correct</source>
        <translation>信息无误</translation>
    </message>
    <message>
        <source>Card number</source>
        <translation>卡号</translation>
    </message>
    <message>
        <source>{name} ({relationship})</source>
        <translation>{name}（关系：{relationship}）</translation>
    </message>
    <message>
        <source>About {date}</source>
        <translation>约 {date}</translation>
    </message>
</context>
<context>
    <name>StaffScreen</name>
    <message>
        <source>Counter clerk</source>
        <translation>窗口柜员</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>技术员</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>Staff mode · {name} ({role})</source>
        <translation>工作人员模式 · {name}（{role}）</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Wrong code. 1 more wrong code closes the service entry for a while.</source>
        <translation>代码错误。再错 1 次，服务入口将暂时关闭。</translation>
    </message>
    <message>
        <source>Wrong code. Please try again.</source>
        <translation>代码错误，请重新输入。</translation>
    </message>
    <message>
        <source>The service entry is not available on this kiosk.</source>
        <translation>本机未开放服务入口。</translation>
    </message>
    <message>
        <source>Too many wrong codes. The service entry is closed until {until}.</source>
        <translation>代码错误次数过多，服务入口关闭至 {until}。</translation>
    </message>
    <message>
        <source>The staff ID or the password is wrong. Please try again.</source>
        <translation>工号或密码错误，请重新输入。</translation>
    </message>
    <message>
        <source>Too many wrong passwords: this account is locked until {until}. An administrator can reset it.</source>
        <translation>密码错误次数过多，该账号已锁定至 {until}。管理员可重置密码。</translation>
    </message>
    <message>
        <source>This account is disabled. Please ask an administrator.</source>
        <translation>该账号已停用，请联系管理员。</translation>
    </message>
    <message>
        <source>This could not be recorded in the audit log, so nothing changed. Check the database (diagnostics), then try again.</source>
        <translation>未能记入审计日志，因此没有任何更改。请检查数据库（诊断）后重试。</translation>
    </message>
    <message>
        <source>Leave kiosk mode (quit)</source>
        <translation>退出自助模式（关闭程序）</translation>
    </message>
    <message>
        <source>Totals, CSV export, day-end slip</source>
        <translation>合计、导出 CSV、日结单</translation>
    </message>
    <message>
        <source>The kiosk&apos;s database did not answer. Please try again in a moment.</source>
        <translation>本机数据库未响应，请稍后再试。</translation>
    </message>
    <message>
        <source>Diagnostics bundle</source>
        <translation>诊断包</translation>
    </message>
    <message>
        <source>One file for a support ticket</source>
        <translation>一个文件，用于提交故障工单</translation>
    </message>
    <message>
        <source>The diagnostics bundle is not available on this kiosk.</source>
        <translation>本机不能生成诊断包。</translation>
    </message>
    <message>
        <source>That place is not there any more (was the USB stick pulled out?). Nothing was written. Plug it in again, then tap Look again.</source>
        <translation>找不到该位置（U 盘是否已拔出？），未写入任何内容。请重新插入后点“重新检测”。</translation>
    </message>
    <message>
        <source>That place cannot be written to (the USB stick may be locked or read only). Nothing was written.</source>
        <translation>该位置无法写入（U 盘可能已锁定或只读），未写入任何内容。</translation>
    </message>
    <message>
        <source>That place is full. Nothing was written. Free some room or use another USB stick.</source>
        <translation>该位置空间已满，未写入任何内容。请腾出空间或换一个 U 盘。</translation>
    </message>
    <message>
        <source>The bundle could not be made there. Try another place, or run kiosk diag bundle from a terminal.</source>
        <translation>未能在该位置生成诊断包。请换一个位置，或在终端运行 kiosk diag bundle。</translation>
    </message>
    <message>
        <source>Written: {file} ({size}) on the USB stick {label}. You can pull it out now.</source>
        <translation>已写入 U 盘 {label}：{file}（{size}）。现在可以拔出 U 盘。</translation>
    </message>
    <message>
        <source>Written: {file} ({size}) in the kiosk&apos;s export folder {folder}.</source>
        <translation>已写入本机导出文件夹 {folder}：{file}（{size}）。</translation>
    </message>
    <message>
        <source>Making the bundle (with a self-test). It takes a few seconds.</source>
        <translation>正在生成诊断包（含一次自检），需要几秒钟。</translation>
    </message>
    <message>
        <source>One file for a support ticket, with no personal data. Choose where to write it.</source>
        <translation>提交故障工单用的一个文件，不含任何个人信息。请选择写入位置。</translation>
    </message>
    <message>
        <source>The file could not be written there. Nothing was written. Try another place.</source>
        <translation>文件无法写入该位置，未写入任何内容。请换一个位置。</translation>
    </message>
    <message>
        <source>The export could not be recorded in the audit log, so nothing was left there. Check the database (diagnostics), then try again.</source>
        <translation>导出未能记入审计日志，因此未留下文件。请检查数据库（诊断）后重试。</translation>
    </message>
    <message>
        <source>The day-end slip was printed. Sign it and file it.</source>
        <translation>日结单已打印，请签字后存档。</translation>
    </message>
    <message>
        <source>The printer is out of paper. Load a new roll, then print again.</source>
        <translation>打印机缺纸，请装入新纸卷后重新打印。</translation>
    </message>
    <message>
        <source>The printer is not answering. Check it is on and connected.</source>
        <translation>打印机无响应，请检查是否已开机并连接。</translation>
    </message>
    <message>
        <source>The day-end slip could not be printed. Check the printer, then try again.</source>
        <translation>日结单未能打印，请检查打印机后重试。</translation>
    </message>
    <message>
        <source>{date} (today)</source>
        <translation>{date}（今天）</translation>
    </message>
    <message>
        <source>Waiting to be sent to the central back end: none.</source>
        <translation>待发送至中心系统：无。</translation>
    </message>
    <message>
        <source>Waiting to be sent to the central back end: {n} (oldest {time}).</source>
        <translation>待发送至中心系统：{n} 条（最早 {time}）。</translation>
    </message>
    <message>
        <source>pickup {date}</source>
        <translation>{date} 领卡</translation>
    </message>
    <message>
        <source>by an agent</source>
        <translation>代办</translation>
    </message>
    <message>
        <source>All transactions</source>
        <translation>业务总数</translation>
    </message>
    <message>
        <source>no voucher</source>
        <translation>无凭证</translation>
    </message>
    <message>
        <source>Earlier day</source>
        <translation>前一天</translation>
    </message>
    <message>
        <source>Later day</source>
        <translation>后一天</translation>
    </message>
    <message>
        <source>Totals</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Transactions</source>
        <translation>业务明细</translation>
    </message>
    <message>
        <source>No transactions on this day.</source>
        <translation>当天没有业务。</translation>
    </message>
    <message>
        <source>Export as CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <source>Print the day-end slip</source>
        <translation>打印日结单</translation>
    </message>
    <message>
        <source>Transactions of {day}: {n}. Choose where to write them as a CSV file.</source>
        <translation>{day}共 {n} 笔业务。请选择 CSV 文件的保存位置。</translation>
    </message>
    <message>
        <source>Export the day as CSV</source>
        <translation>导出当日业务（CSV）</translation>
    </message>
    <message>
        <source>No USB stick found. Plug one in, then tap Look again.</source>
        <translation>未找到 U 盘。请插入 U 盘后点“重新检测”。</translation>
    </message>
    <message>
        <source>Look again</source>
        <translation>重新检测</translation>
    </message>
    <message>
        <source>Written: {file} ({n} rows) on the USB stick {label}. You can pull it out now.</source>
        <translation>已写入 U 盘 {label}：{file}（{n} 行）。现在可以拔出 U 盘。</translation>
    </message>
    <message>
        <source>Written: {file} ({n} rows) in the kiosk&apos;s export folder {folder}.</source>
        <translation>已写入本机导出文件夹 {folder}：{file}（{n} 行）。</translation>
    </message>
    <message>
        <source>USB stick {label}</source>
        <translation>U 盘 {label}</translation>
    </message>
    <message>
        <source>The kiosk&apos;s export folder</source>
        <translation>本机导出文件夹</translation>
    </message>
    <message>
        <source>read only</source>
        <translation>只读</translation>
    </message>
    <message>
        <source>{size} free</source>
        <translation>可用 {size}</translation>
    </message>
    <message>
        <source>Leaving kiosk mode could not be recorded in the audit log, so the kiosk stays in kiosk mode. Check the database (diagnostics), then try again.</source>
        <translation>退出自助模式未能记入审计日志，因此本机仍保持自助模式。请检查数据库（诊断）后重试。</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>Enter the service code.</source>
        <translation>请输入服务代码。</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>Card and reader</source>
        <translation>卡片与读卡器</translation>
    </message>
    <message>
        <source>ATR, card test, APDU console</source>
        <translation>复位应答、卡片测试、APDU 控制台</translation>
    </message>
    <message>
        <source>There is no card in the reader. Insert one and try again.</source>
        <translation>读卡器中没有卡片。请插入卡片后重试。</translation>
    </message>
    <message>
        <source>The card was taken out before it finished.</source>
        <translation>卡片在完成前被取出。</translation>
    </message>
    <message>
        <source>The card did not answer. Try it again, or another card.</source>
        <translation>卡片没有应答。请重试，或换一张卡。</translation>
    </message>
    <message>
        <source>The card reader did not answer. Check its cable.</source>
        <translation>读卡器没有应答。请检查线缆。</translation>
    </message>
    <message>
        <source>That did not work. Please try again.</source>
        <translation>操作未成功。请重试。</translation>
    </message>
    <message>
        <source>ATR</source>
        <translation>复位应答</translation>
    </message>
    <message>
        <source>Not a valid ATR</source>
        <translation>不是有效的复位应答</translation>
    </message>
    <message>
        <source>Fi {fi}, Di {di}: {rate} bit/s at 3.57 MHz</source>
        <translation>Fi {fi}，Di {di}：3.57 MHz 时 {rate} bit/s</translation>
    </message>
    <message>
        <source>not given</source>
        <translation>未给出</translation>
    </message>
    <message>
        <source>recognised</source>
        <translation>已识别</translation>
    </message>
    <message>
        <source>not recognised</source>
        <translation>未识别</translation>
    </message>
    <message>
        <source>Convention</source>
        <translation>约定</translation>
    </message>
    <message>
        <source>Protocols</source>
        <translation>协议</translation>
    </message>
    <message>
        <source>TA1 bit rate</source>
        <translation>TA1 传输速率</translation>
    </message>
    <message>
        <source>Historical bytes</source>
        <translation>历史字节</translation>
    </message>
    <message>
        <source>Card type</source>
        <translation>卡片类型</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>{n} APDUs, {card} ms at the card, {all} ms in all.</source>
        <translation>共 {n} 条 APDU，卡片耗时 {card} 毫秒，总计 {all} 毫秒。</translation>
    </message>
    <message>
        <source>Testing the card. Leave it in the reader.</source>
        <translation>正在测试卡片。请勿取出卡片。</translation>
    </message>
    <message>
        <source>The card passed the test.</source>
        <translation>卡片通过测试。</translation>
    </message>
    <message>
        <source>The card failed the test.</source>
        <translation>卡片未通过测试。</translation>
    </message>
    <message>
        <source>Insert the card to test, then tap Test the card. Nothing on it is changed.</source>
        <translation>插入要测试的卡片，然后点击“测试卡片”。卡片上的内容不会被更改。</translation>
    </message>
    <message>
        <source>The card&apos;s answer to reset, what it holds (masked) and each command&apos;s time.</source>
        <translation>卡片的复位应答、卡内信息（已遮蔽）以及每条命令的耗时。</translation>
    </message>
    <message>
        <source>Answer to reset and card</source>
        <translation>复位应答与卡片</translation>
    </message>
    <message>
        <source>Commands</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Test the card</source>
        <translation>测试卡片</translation>
    </message>
    <message>
        <source>APDU console</source>
        <translation>APDU 控制台</translation>
    </message>
    <message>
        <source>This command can change the card: {why}. A VERIFY with a PIN spends one of the card&apos;s PIN tries. Send it only if you mean to.</source>
        <translation>此命令可能更改卡片：{why}。带密码的 VERIFY 会消耗一次密码尝试机会。请确认需要后再发送。</translation>
    </message>
    <message>
        <source>Sending. Leave the card in the reader.</source>
        <translation>正在发送。请勿取出卡片。</translation>
    </message>
    <message>
        <source>That is not a command APDU: type at least CLA INS P1 P2, in pairs of hex digits.</source>
        <translation>这不是命令 APDU：请至少输入 CLA INS P1 P2，每个字节两位十六进制数字。</translation>
    </message>
    <message>
        <source>Type one command APDU in hex and tap Send. Answers are shown masked.</source>
        <translation>以十六进制输入一条命令 APDU，然后点击“发送”。应答数据将遮蔽显示。</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Answer (masked)</source>
        <translation>应答（已遮蔽）</translation>
    </message>
    <message>
        <source>Status word</source>
        <translation>状态字</translation>
    </message>
    <message>
        <source>One command at a time to the card in the reader.</source>
        <translation>向读卡器中的卡片逐条发送命令。</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>空格</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Send anyway</source>
        <translation>仍然发送</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Staff login: your staff ID and password</source>
        <translation>工作人员登录：请输入工号和密码</translation>
    </message>
    <message>
        <source>Loss report</source>
        <translation>挂失</translation>
    </message>
    <message>
        <source>Loss report cancelled</source>
        <translation>解除挂失</translation>
    </message>
    <message>
        <source>New card applied for</source>
        <translation>申请补卡</translation>
    </message>
    <message>
        <source>Damaged card replaced</source>
        <translation>损坏换卡</translation>
    </message>
    <message>
        <source>Voucher printed</source>
        <translation>打印凭证</translation>
    </message>
    <message>
        <source>Voucher reprinted</source>
        <translation>补打凭证</translation>
    </message>
    <message>
        <source>Voucher looked up</source>
        <translation>查询凭证</translation>
    </message>
    <message>
        <source>Voucher code refused</source>
        <translation>凭证码被拒</translation>
    </message>
    <message>
        <source>Records statement printed</source>
        <translation>打印权益单</translation>
    </message>
    <message>
        <source>Identified by ID number</source>
        <translation>身份证号核验通过</translation>
    </message>
    <message>
        <source>Identification failed</source>
        <translation>身份核验未通过</translation>
    </message>
    <message>
        <source>Identification locked</source>
        <translation>身份核验已锁定</translation>
    </message>
    <message>
        <source>Identification paused</source>
        <translation>身份核验暂停</translation>
    </message>
    <message>
        <source>Service entry closed</source>
        <translation>服务入口关闭</translation>
    </message>
    <message>
        <source>Staff login</source>
        <translation>工作人员登录</translation>
    </message>
    <message>
        <source>Account locked</source>
        <translation>账号锁定</translation>
    </message>
    <message>
        <source>Logout</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Staff account added</source>
        <translation>新增工作人员账号</translation>
    </message>
    <message>
        <source>Password reset</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <source>Staff account disabled</source>
        <translation>停用工作人员账号</translation>
    </message>
    <message>
        <source>Vouchers searched</source>
        <translation>查找凭证</translation>
    </message>
    <message>
        <source>Desk action refused</source>
        <translation>柜台操作被拒</translation>
    </message>
    <message>
        <source>Voucher code checked</source>
        <translation>凭证二维码已核验</translation>
    </message>
    <message>
        <source>New card&apos;s progress moved</source>
        <translation>更新新卡制卡进度</translation>
    </message>
    <message>
        <source>Medical expenses reimbursed</source>
        <translation>报销挂失期间医疗费用</translation>
    </message>
    <message>
        <source>Holiday calendar set</source>
        <translation>设置节假日安排</translation>
    </message>
    <message>
        <source>Kiosk mode left</source>
        <translation>退出自助模式</translation>
    </message>
    <message>
        <source>Self-test run</source>
        <translation>运行自检</translation>
    </message>
    <message>
        <source>Printer test page</source>
        <translation>打印机测试页</translation>
    </message>
    <message>
        <source>Diagnostics bundle written</source>
        <translation>已导出诊断包</translation>
    </message>
    <message>
        <source>Transactions exported</source>
        <translation>导出业务明细</translation>
    </message>
    <message>
        <source>Day-end slip printed</source>
        <translation>打印日结单</translation>
    </message>
    <message>
        <source>Audit log viewed</source>
        <translation>查看审计日志</translation>
    </message>
    <message>
        <source>Audit log checked</source>
        <translation>校验审计日志</translation>
    </message>
    <message>
        <source>Audit key replaced</source>
        <translation>更换审计密钥</translation>
    </message>
    <message>
        <source>Voucher key created</source>
        <translation>生成凭证密钥</translation>
    </message>
    <message>
        <source>Voucher key registered</source>
        <translation>登记凭证密钥</translation>
    </message>
    <message>
        <source>Voucher key replaced</source>
        <translation>更换凭证密钥</translation>
    </message>
    <message>
        <source>Signing key created</source>
        <translation>生成签名密钥</translation>
    </message>
    <message>
        <source>Signing key registered</source>
        <translation>登记签名密钥</translation>
    </message>
    <message>
        <source>Signing key replaced</source>
        <translation>更换签名密钥</translation>
    </message>
    <message>
        <source>Login refused</source>
        <translation>登录被拒</translation>
    </message>
    <message>
        <source>Citizen</source>
        <translation>市民</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>代办人</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <source>The kiosk</source>
        <translation>本机</translation>
    </message>
    <message>
        <source>Anonymous</source>
        <translation>未认证</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Card (masked)</source>
        <translation>卡号（已脱敏）</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Cause</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Reprint number</source>
        <translation>补打次数</translation>
    </message>
    <message>
        <source>Outlet</source>
        <translation>领卡网点</translation>
    </message>
    <message>
        <source>Pickup date</source>
        <translation>领卡日期</translation>
    </message>
    <message>
        <source>Proof</source>
        <translation>核验方式</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>Failures</source>
        <translation>失败次数</translation>
    </message>
    <message>
        <source>Searched by</source>
        <translation>查找方式</translation>
    </message>
    <message>
        <source>Original ID card checked</source>
        <translation>已核验身份证原件</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Reviewed by</source>
        <translation>审核人</translation>
    </message>
    <message>
        <source>Reviewed on</source>
        <translation>审核日期</translation>
    </message>
    <message>
        <source>What was tried</source>
        <translation>所做操作</translation>
    </message>
    <message>
        <source>Why refused</source>
        <translation>拒绝原因</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>Printing</source>
        <translation>打印结果</translation>
    </message>
    <message>
        <source>Problems found</source>
        <translation>发现问题数</translation>
    </message>
    <message>
        <source>Chains checked</source>
        <translation>校验日志数</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>事项代码</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>截止时间</translation>
    </message>
    <message>
        <source>Staff ID</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Password hash renewed</source>
        <translation>密码哈希已更新</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Changed after it was written.</source>
        <translation>写入后被改动。</translation>
    </message>
    <message>
        <source>Entries just before it were deleted.</source>
        <translation>紧邻其前的记录已被删除。</translation>
    </message>
    <message>
        <source>No longer follows on from the entry before it.</source>
        <translation>与前一条记录衔接不上。</translation>
    </message>
    <message>
        <source>The log&apos;s record of its last entry does not match.</source>
        <translation>日志所记的最后一条记录与实际不符。</translation>
    </message>
    <message>
        <source>The log has no record of its last entry.</source>
        <translation>日志没有最后一条记录的登记。</translation>
    </message>
    <message>
        <source>Written without the kiosk&apos;s audit key.</source>
        <translation>未用本机审计密钥加印即写入。</translation>
    </message>
    <message>
        <source>Does not fit the log&apos;s history from before the audit key.</source>
        <translation>与启用审计密钥之前的日志历史不符。</translation>
    </message>
    <message>
        <source>Sealed with a key that is not this kiosk&apos;s.</source>
        <translation>由非本机的密钥加印。</translation>
    </message>
    <message>
        <source>Entries were cut from the end of the log (the anchor file has more).</source>
        <translation>日志末尾的记录被截去（锚定文件中记录更多）。</translation>
    </message>
    <message>
        <source>The log was rewritten from here on (the anchor file differs).</source>
        <translation>日志从此处起被重写（与锚定文件不符）。</translation>
    </message>
    <message>
        <source>Entries were cut and written again (the anchor file goes back).</source>
        <translation>记录被截去后又重新写入（锚定文件出现倒退）。</translation>
    </message>
    <message>
        <source>Every entry is gone from the database (the anchor file had them).</source>
        <translation>数据库中该日志的记录已全部消失（锚定文件中有记录）。</translation>
    </message>
    <message>
        <source>Log {chain}</source>
        <translation>日志 {chain}</translation>
    </message>
    <message>
        <source>Log {chain}, entry {seq}</source>
        <translation>日志 {chain} 第 {seq} 条</translation>
    </message>
    <message>
        <source>A problem was found here.</source>
        <translation>此处发现问题。</translation>
    </message>
    <message>
        <source>{entries} entries are sealed with a retired key ({key}, replaced at entry {seq}) and can no longer be verified. This is on the record, not a fault.</source>
        <translation>{entries} 条记录由已停用的密钥（{key}，于第 {seq} 条更换）加印，已无法校验。此情况已登记在案，不属于故障。</translation>
    </message>
    <message>
        <source>{entries} entries, {verified} verified with this kiosk&apos;s key</source>
        <translation>共 {entries} 条，{verified} 条经本机密钥校验</translation>
    </message>
    <message>
        <source>{n} from before the audit key, verified by their links</source>
        <translation>{n} 条早于审计密钥，已按前后衔接校验</translation>
    </message>
    <message>
        <source>{n} sealed with another key</source>
        <translation>{n} 条由其他密钥加印</translation>
    </message>
    <message>
        <source>anchored up to entry {seq}</source>
        <translation>已锚定至第 {seq} 条</translation>
    </message>
    <message>
        <source>not in the anchor file</source>
        <translation>未记入锚定文件</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>The kiosk is back in service: citizens can use it once you log out.</source>
        <translation>本机已恢复服务：您退出登录后，市民即可使用。</translation>
    </message>
    <message>
        <source>Out of service for maintenance since {since} ({by}): citizens see the out-of-service screen.</source>
        <translation>自 {since} 起暂停服务进行维护（{by}）：市民看到的是暂停服务画面。</translation>
    </message>
    <message>
        <source>Return to service</source>
        <translation>恢复服务</translation>
    </message>
    <message>
        <source>Out of service (maintenance)</source>
        <translation>暂停服务（维护）</translation>
    </message>
    <message>
        <source>Service menu</source>
        <translation>服务菜单</translation>
    </message>
    <message>
        <source>Choose what to do. You are logged out after 2 minutes idle.</source>
        <translation>请选择要办理的事项。无操作 2 分钟后将自动退出登录。</translation>
    </message>
    <message>
        <source>Your role has nothing here yet. Diagnostics come with the technician&apos;s screens.</source>
        <translation>您的角色在此暂无可用功能。诊断功能将随技术员界面提供。</translation>
    </message>
    <message>
        <source>Leave kiosk mode?</source>
        <translation>退出自助模式？</translation>
    </message>
    <message>
        <source>For maintenance only.</source>
        <translation>仅用于维护。</translation>
    </message>
    <message>
        <source>The kiosk program ends and citizens cannot use this kiosk until it is started again (systemctl start sscard-kiosk, or a restart). This is recorded in the audit log with your name.</source>
        <translation>自助机程序将结束，在重新启动前（systemctl start sscard-kiosk 或重启）市民无法使用本机。此操作将以您的姓名记入审计日志。</translation>
    </message>
    <message>
        <source>Leave kiosk mode</source>
        <translation>退出自助模式</translation>
    </message>
    <message>
        <source>Already reimbursed on {date} by {reviewer}: {amount}. The medical expenses of a loss period are reimbursed only once.</source>
        <translation>已于 {date} 由 {reviewer} 审核报销：{amount}。挂失期间的医疗费用只报销一次。</translation>
    </message>
    <message>
        <source>Your account may not work the voucher desk.</source>
        <translation>您的账号无权办理凭证柜台业务。</translation>
    </message>
    <message>
        <source>This is not a genuine voucher code.</source>
        <translation>这不是真实的凭证二维码。</translation>
    </message>
    <message>
        <source>This is not a voucher number: a character may be mistyped.</source>
        <translation>这不是有效的凭证号：可能有字符输错。</translation>
    </message>
    <message>
        <source>This ID number is not valid.</source>
        <translation>该身份证号码无效。</translation>
    </message>
    <message>
        <source>The first day must not be after the last, and the range at most a year.</source>
        <translation>起始日期不能晚于截止日期，且范围最长一年。</translation>
    </message>
    <message>
        <source>Too many vouchers asked for at once.</source>
        <translation>一次查询的凭证过多。</translation>
    </message>
    <message>
        <source>No voucher with this number in this kiosk&apos;s records.</source>
        <translation>本机记录中没有该凭证号的凭证。</translation>
    </message>
    <message>
        <source>A reason is required.</source>
        <translation>必须填写原因。</translation>
    </message>
    <message>
        <source>The reason is too long.</source>
        <translation>原因过长。</translation>
    </message>
    <message>
        <source>It was printed again meanwhile: look at it again first.</source>
        <translation>该凭证刚已被补打：请先重新查看。</translation>
    </message>
    <message>
        <source>No new card behind this voucher.</source>
        <translation>该凭证没有对应的新卡。</translation>
    </message>
    <message>
        <source>The new card is not ready yet.</source>
        <translation>新卡尚未制好。</translation>
    </message>
    <message>
        <source>The new card has already been handed over.</source>
        <translation>新卡已发放。</translation>
    </message>
    <message>
        <source>Confirm that you checked the original ID card.</source>
        <translation>请确认已核验身份证原件。</translation>
    </message>
    <message>
        <source>Progress cannot go back.</source>
        <translation>进度不能回退。</translation>
    </message>
    <message>
        <source>The card is ready: hand it over instead.</source>
        <translation>新卡已制好：请改为办理发卡。</translation>
    </message>
    <message>
        <source>No loss period behind this voucher to reimburse.</source>
        <translation>该凭证没有可报销的挂失期间。</translation>
    </message>
    <message>
        <source>Already reimbursed: only once per voucher.</source>
        <translation>已报销：每张凭证只能报销一次。</translation>
    </message>
    <message>
        <source>The amount is not valid.</source>
        <translation>金额无效。</translation>
    </message>
    <message>
        <source>The reviewer&apos;s name is required.</source>
        <translation>必须填写审核人姓名。</translation>
    </message>
    <message>
        <source>The review date must be between the voucher&apos;s date and today.</source>
        <translation>审核日期须在凭证日期与今天之间。</translation>
    </message>
    <message>
        <source>Issued by kiosk {kiosk}: it is reprinted there, or at the counter that holds its records.</source>
        <translation>由自助机 {kiosk} 开具：请在该自助机或保存其记录的柜台补打。</translation>
    </message>
    <message>
        <source>Issued by kiosk {kiosk}: medical expenses are reimbursed once across all kiosks, so only at that kiosk&apos;s counter.</source>
        <translation>由自助机 {kiosk} 开具：医疗费用在所有自助机中只报销一次，因此只能在该自助机所在柜台办理。</translation>
    </message>
    <message>
        <source>The central service cannot be reached; vouchers of other kiosks cannot be looked up now.</source>
        <translation>无法连接中心服务，暂时无法查询其他自助机开具的凭证。</translation>
    </message>
    <message>
        <source>The kiosk&apos;s database did not answer. Please try again.</source>
        <translation>本机数据库没有响应，请稍后重试。</translation>
    </message>
    <message>
        <source>The search could not be done. Please try again.</source>
        <translation>查询未能完成，请重试。</translation>
    </message>
    <message>
        <source>This is not a voucher code, or the code is damaged. Scan it again; if it still fails, find the voucher by its number.</source>
        <translation>这不是凭证二维码，或二维码已损坏。请重新扫描；仍不成功的，请按凭证号查找。</translation>
    </message>
    <message>
        <source>The code is signed with a key this kiosk does not know. If it comes from another kiosk, its public key must be added to this kiosk (voucher_public_keys).</source>
        <translation>该二维码的签名密钥本机不认识。如来自其他终端，须将该终端的公钥添加到本机（voucher_public_keys）。</translation>
    </message>
    <message>
        <source>The signature does not match the voucher&apos;s content: the code was altered, or forged.</source>
        <translation>签名与凭证内容不符：二维码被篡改或伪造。</translation>
    </message>
    <message>
        <source>An old voucher code (SSK1) that only its issuing kiosk can check. Find the voucher by its number, or check it at that kiosk.</source>
        <translation>旧版凭证二维码（SSK1），只有签发终端能核验。请按凭证号查找，或到签发终端核验。</translation>
    </message>
    <message>
        <source>Voucher</source>
        <translation>凭证</translation>
    </message>
    <message>
        <source>Issued at kiosk {kiosk}</source>
        <translation>在终端 {kiosk} 开具</translation>
    </message>
    <message>
        <source>Printed</source>
        <translation>已打印</translation>
    </message>
    <message>
        <source>Reprint {n}</source>
        <translation>补打 {n}</translation>
    </message>
    <message>
        <source>Progress: {step}</source>
        <translation>进度：{step}</translation>
    </message>
    <message>
        <source>New card handed over</source>
        <translation>新卡已发放</translation>
    </message>
    <message>
        <source>Medical expenses reimbursed: {amount}</source>
        <translation>医疗费已报销：{amount}</translation>
    </message>
    <message>
        <source>citizen</source>
        <translation>市民</translation>
    </message>
    <message>
        <source>agent</source>
        <translation>代办人</translation>
    </message>
    <message>
        <source>kiosk</source>
        <translation>终端</translation>
    </message>
    <message>
        <source>at the kiosk</source>
        <translation>自助终端</translation>
    </message>
    <message>
        <source>central service</source>
        <translation>中心服务</translation>
    </message>
    <message>
        <source>{first} to {last}</source>
        <translation>{first}至{last}</translation>
    </message>
    <message>
        <source>Issued at kiosk {kiosk}. This kiosk holds no record of it: its progress and card are as the central service has them.</source>
        <translation>由自助机 {kiosk} 开具。本机没有该凭证的记录：其进度和卡片信息以中心服务为准。</translation>
    </message>
    <message>
        <source>Moved at this desk to: {progress}. Sent to the central service, which has not confirmed it yet.</source>
        <translation>本柜台已将进度更新为：{progress}。已发送至中心服务，中心尚未确认。</translation>
    </message>
    <message>
        <source>Printed as 补打 / REPRINT {n}.</source>
        <translation>已补打，凭证标注&quot;补打 / REPRINT {n}&quot;。</translation>
    </message>
    <message>
        <source>Progress moved to: {progress}.</source>
        <translation>进度已改为：{progress}。</translation>
    </message>
    <message>
        <source>The new card was handed over: the reissue is marked collected.</source>
        <translation>新卡已交付：补卡记录已标为已领取。</translation>
    </message>
    <message>
        <source>Reimbursement of {amount} recorded.</source>
        <translation>已登记报销 {amount}。</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>已完成。</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>一</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>二</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>三</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>四</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>五</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>六</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>日</translation>
    </message>
    <message>
        <source>Monday</source>
        <translation>星期一</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>星期二</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>星期三</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>星期四</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>星期五</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>星期六</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>星期日</translation>
    </message>
    <message>
        <source>New Year&apos;s Day</source>
        <translation>元旦</translation>
    </message>
    <message>
        <source>Labour Day</source>
        <translation>劳动节</translation>
    </message>
    <message>
        <source>National Day</source>
        <translation>国庆节</translation>
    </message>
    <message>
        <source>off</source>
        <translation>休</translation>
    </message>
    <message>
        <source>work</source>
        <translation>班</translation>
    </message>
    <message>
        <source>The kiosk&apos;s database did not answer. Nothing was changed; please try again in a moment.</source>
        <translation>本机数据库没有响应，未作任何更改。请稍后再试。</translation>
    </message>
    <message>
        <source>Nothing is entered yet. Tap the year&apos;s public holidays, and any make-up working days, then save.</source>
        <translation>尚未录入任何日期。请先点选本年的法定节假日及调休上班日，再保存。</translation>
    </message>
    <message>
        <source>Only make-up working days are marked. Mark the public holidays too (Spring Festival at least).</source>
        <translation>只标了调休上班日。请同时标出放假日期（至少包括春节）。</translation>
    </message>
    <message>
        <source>A make-up working day is a Saturday or a Sunday.</source>
        <translation>调休上班日只能是星期六或星期日。</translation>
    </message>
    <message>
        <source>A day cannot be a holiday and a make-up working day at once.</source>
        <translation>同一天不能既放假又调休上班。</translation>
    </message>
    <message>
        <source>This arrangement cannot be saved. Check the days marked.</source>
        <translation>此安排无法保存，请检查所标日期。</translation>
    </message>
    <message>
        <source>Saved. {state}</source>
        <translation>已保存。{state}</translation>
    </message>
    <message>
        <source>{year} is exact: arrangement entered by {who}, {when}.</source>
        <translation>{year}年日期准确：放假安排由 {who} 于 {when} 录入。</translation>
    </message>
    <message>
        <source>{year} is exact: an arrangement is entered.</source>
        <translation>{year}年日期准确：已录入放假安排。</translation>
    </message>
    <message>
        <source>{year} is exact: the published calendar. Saving here replaces it.</source>
        <translation>{year}年日期准确：采用已发布的日历。在此保存将取而代之。</translation>
    </message>
    <message>
        <source>No arrangement for {year} yet: its pickup dates are approximate.</source>
        <translation>{year}年尚无放假安排：该年的领卡日期为估算。</translation>
    </message>
    <message>
        <source>working day</source>
        <translation>工作日</translation>
    </message>
    <message>
        <source>weekend</source>
        <translation>周末</translation>
    </message>
    <message>
        <source>public holiday</source>
        <translation>放假</translation>
    </message>
    <message>
        <source>make-up working day</source>
        <translation>调休上班</translation>
    </message>
    <message>
        <source>Marked: holidays {holidays} · make-up working days {workdays}. Not saved yet.</source>
        <translation>已标记：放假 {holidays} 天 · 调休上班 {workdays} 天，尚未保存。</translation>
    </message>
    <message>
        <source>Marked: holidays {holidays} · make-up working days {workdays}.</source>
        <translation>已标记：放假 {holidays} 天 · 调休上班 {workdays} 天。</translation>
    </message>
    <message>
        <source>Working-day calendar</source>
        <translation>工作日历</translation>
    </message>
    <message>
        <source>Earlier year</source>
        <translation>上一年</translation>
    </message>
    <message>
        <source>Later year</source>
        <translation>下一年</translation>
    </message>
    <message>
        <source>Earlier month</source>
        <translation>上个月</translation>
    </message>
    <message>
        <source>Later month</source>
        <translation>下个月</translation>
    </message>
    <message>
        <source>Public holiday</source>
        <translation>放假</translation>
    </message>
    <message>
        <source>Make-up working day</source>
        <translation>调休上班日</translation>
    </message>
    <message>
        <source>Tap a day: holiday, then make-up working day (weekend days only), then back to normal. New Year&apos;s Day, 1–2 May and 1–3 October are holidays by law.</source>
        <translation>点一下日期：先标为放假，再点标为调休上班（仅限周末），再点恢复正常。元旦、5月1日至2日、10月1日至3日为法定假日，无需标记。</translation>
    </message>
    <message>
        <source>Save arrangement</source>
        <translation>保存放假安排</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Save the {year} holiday arrangement?</source>
        <translation>保存{year}年放假安排？</translation>
    </message>
    <message>
        <source>Check it against the State Council&apos;s notice. Saved, it replaces whatever {year} counted before, its pickup dates are exact, and the audit log records it with your name.</source>
        <translation>请与国务院办公厅通知逐项核对。保存后将取代{year}年原有的日历，该年领卡日期即为准确日期，审计日志将记录您的姓名。</translation>
    </message>
    <message>
        <source>Public holidays: {days} days</source>
        <translation>放假：共{days}天</translation>
    </message>
    <message>
        <source>Make-up working days: {days}</source>
        <translation>调休上班：{days}天</translation>
    </message>
    <message>
        <source>{date}, {weekday}, worked</source>
        <translation>{date}（{weekday}）上班</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Back to the calendar</source>
        <translation>返回日历</translation>
    </message>
    <message>
        <source>{dates} (1 day)</source>
        <translation>{dates}，共1天</translation>
    </message>
    <message>
        <source>{dates} ({days} days)</source>
        <translation>{dates}，共{days}天</translation>
    </message>
    <message>
        <source>{dates}, {name} (1 day)</source>
        <translation>{dates} {name}，共1天</translation>
    </message>
    <message>
        <source>{dates}, {name} ({days} days)</source>
        <translation>{dates} {name}，共{days}天</translation>
    </message>
    <message>
        <source>Enter a year&apos;s holiday arrangement</source>
        <translation>录入全年节假日安排</translation>
    </message>
    <message>
        <source>Vouchers</source>
        <translation>凭证</translation>
    </message>
    <message>
        <source>Find, check, reprint, hand over</source>
        <translation>查找、核验、补打、发卡</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>查询中…</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Checking the code…</source>
        <translation>正在核验二维码…</translation>
    </message>
    <message>
        <source>Waiting for the QR code…</source>
        <translation>等待扫描二维码…</translation>
    </message>
    <message>
        <source>Find a voucher</source>
        <translation>查找凭证</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>扫码</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>凭证号</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Scan the voucher&apos;s QR code</source>
        <translation>扫描凭证二维码</translation>
    </message>
    <message>
        <source>Hold the voucher&apos;s QR code under the counter scanner. The kiosk checks its signature offline, with public keys only, and shows the voucher.</source>
        <translation>将凭证上的二维码放到柜台扫码器下。本机仅用公钥离线核验签名，并显示该凭证。</translation>
    </message>
    <message>
        <source>Voucher number</source>
        <translation>凭证号</translation>
    </message>
    <message>
        <source>Cardholder&apos;s ID number</source>
        <translation>持卡人身份证号</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>当日业务</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>To</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Both days included, at most a year; the newest {n} vouchers are listed.</source>
        <translation>含起止两天，最长一年；列出最新的 {n} 张凭证。</translation>
    </message>
    <message>
        <source>Voucher {number}</source>
        <translation>凭证 {number}</translation>
    </message>
    <message>
        <source>Nothing found.</source>
        <translation>没有找到。</translation>
    </message>
    <message>
        <source>More than {n} found: only the newest are listed. Narrow the dates.</source>
        <translation>找到超过 {n} 张：仅列出最新的。请缩小日期范围。</translation>
    </message>
    <message>
        <source>More than {n} found: only the newest are listed.</source>
        <translation>找到超过 {n} 张：仅列出最新的。</translation>
    </message>
    <message>
        <source>Issued {dates}</source>
        <translation>开具于 {dates}</translation>
    </message>
    <message>
        <source>The cardholder&apos;s vouchers</source>
        <translation>持卡人的凭证</translation>
    </message>
    <message>
        <source>{n} vouchers, newest first. Tap one to see it.</source>
        <translation>共 {n} 张凭证，最新的在前。点击一张查看。</translation>
    </message>
    <message>
        <source>1 voucher. Tap it to see it.</source>
        <translation>1 张凭证。点击查看。</translation>
    </message>
    <message>
        <source>New search</source>
        <translation>重新查找</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>耗时</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>All days</source>
        <translation>全部日期</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>全部人员</translation>
    </message>
    <message>
        <source>Citizens</source>
        <translation>市民</translation>
    </message>
    <message>
        <source>Agents</source>
        <translation>代办人</translation>
    </message>
    <message>
        <source>Technicians</source>
        <translation>技术员</translation>
    </message>
    <message>
        <source>All outcomes</source>
        <translation>全部结果</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>全部事项</translation>
    </message>
    <message>
        <source>This filter cannot be used. Please choose another one.</source>
        <translation>无法按此条件筛选，请换一个条件。</translation>
    </message>
    <message>
        <source>No entries match this filter.</source>
        <translation>没有符合筛选条件的记录。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>Page {n}</source>
        <translation>第 {n} 页</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Newer</source>
        <translation>较新</translation>
    </message>
    <message>
        <source>Older</source>
        <translation>较早</translation>
    </message>
    <message>
        <source>Check integrity</source>
        <translation>完整性校验</translation>
    </message>
    <message>
        <source>Audit entry</source>
        <translation>审计记录</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>No. {seq} in the log of {chain}</source>
        <translation>日志 {chain} 第 {seq} 条</translation>
    </message>
    <message>
        <source>Transaction</source>
        <translation>业务编号</translation>
    </message>
    <message>
        <source>This entry records nothing more.</source>
        <translation>此记录没有其他内容。</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详细内容</translation>
    </message>
    <message>
        <source>The audit log is intact</source>
        <translation>审计日志完好</translation>
    </message>
    <message>
        <source>Every entry is unchanged and in its place, sealed with this kiosk&apos;s key, and the log matches the anchor file kept outside the database.</source>
        <translation>每条记录都未被改动、没有缺失，均由本机密钥加印，日志与数据库外保存的锚定文件一致。</translation>
    </message>
    <message>
        <source>The audit log has been altered</source>
        <translation>审计日志已被改动</translation>
    </message>
    <message>
        <source>The check found 1 problem:</source>
        <translation>校验发现 1 处问题：</translation>
    </message>
    <message>
        <source>The check found {n} problems:</source>
        <translation>校验发现 {n} 处问题：</translation>
    </message>
    <message>
        <source>Do not repair, reset or restart the kiosk: the database is evidence.</source>
        <translation>请勿修复、重置或重启本机：数据库是证据。</translation>
    </message>
    <message>
        <source>Tell the administrator now, with the time of this check.</source>
        <translation>请立即告知管理员，并说明本次校验的时间。</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>No entries yet.</source>
        <translation>暂无记录。</translation>
    </message>
    <message>
        <source>Checked</source>
        <translation>检查时间</translation>
    </message>
    <message>
        <source>What was checked</source>
        <translation>校验范围</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>Audit log integrity</source>
        <translation>审计日志完整性</translation>
    </message>
    <message>
        <source>Checking every entry of the audit log against its seal, the entry before it and the anchor file. This can take a few seconds.</source>
        <translation>正在逐条核对审计日志的印鉴、前后衔接和锚定文件，可能需要几秒钟。</translation>
    </message>
    <message>
        <source>The check could not run: the kiosk&apos;s database did not answer. Please try again in a moment.</source>
        <translation>无法校验：本机数据库没有响应。请稍后再试。</translation>
    </message>
    <message>
        <source>What to do now</source>
        <translation>现在请这样做</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>重新校验</translation>
    </message>
    <message>
        <source>Browse, filter, check integrity</source>
        <translation>浏览、筛选、完整性校验</translation>
    </message>
    <message>
        <source>Choose why it is printed again (for Other, type it).</source>
        <translation>请选择补打原因（选&quot;其他&quot;时请输入原因）。</translation>
    </message>
    <message>
        <source>The reason is too long: at most {n} characters.</source>
        <translation>原因过长：最多 {n} 个字符。</translation>
    </message>
    <message>
        <source>Enter the amount in yuan, with at most two decimals (for example 1234.50).</source>
        <translation>请输入以元为单位的金额，最多两位小数（例如 1234.50）。</translation>
    </message>
    <message>
        <source>Enter the name of who reviewed the expenses.</source>
        <translation>请输入审核人姓名。</translation>
    </message>
    <message>
        <source>The review date is between the voucher&apos;s date and today.</source>
        <translation>审核日期须在凭证日期与今天之间。</translation>
    </message>
    <message>
        <source>The printer is not available. Nothing was printed or recorded; check the printer, then print again.</source>
        <translation>打印机不可用。未打印，也未记录；请检查打印机后再次打印。</translation>
    </message>
    <message>
        <source>The printer is out of paper. Nothing was recorded; load paper, then print again.</source>
        <translation>打印机缺纸。未作记录；请装纸后再次打印。</translation>
    </message>
    <message>
        <source>The printer reported a fault. Nothing was recorded; check it, then print again.</source>
        <translation>打印机报告故障。未作记录；请检查后再次打印。</translation>
    </message>
    <message>
        <source>The kiosk&apos;s database did not answer. Nothing was done; please try again.</source>
        <translation>本机数据库无响应。未作任何办理；请重试。</translation>
    </message>
    <message>
        <source>The central service cannot be reached, so this voucher&apos;s progress cannot be checked. Nothing was done; please try again later.</source>
        <translation>无法连接中心服务，无法核对此凭证的进度。未做任何操作，请稍后再试。</translation>
    </message>
    <message>
        <source>That did not work. Go back to the voucher and look at it before trying again.</source>
        <translation>操作未成功。请返回凭证查看后再重试。</translation>
    </message>
    <message>
        <source>Reprint: other reason</source>
        <translation>补打：其他原因</translation>
    </message>
    <message>
        <source>Reprint</source>
        <translation>补打</translation>
    </message>
    <message>
        <source>It prints marked 补打 / REPRINT {n}, with your name and the reason on record.</source>
        <translation>打印的凭证标注&quot;补打 / REPRINT {n}&quot;，您的姓名和补打原因将被记录。</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>正在打印…</translation>
    </message>
    <message>
        <source>Print again</source>
        <translation>补打</translation>
    </message>
    <message>
        <source>Why is it printed again?</source>
        <translation>为什么补打？</translation>
    </message>
    <message>
        <source>Other reason, in a few words</source>
        <translation>其他原因（简要说明）</translation>
    </message>
    <message>
        <source>The usual reasons</source>
        <translation>常用原因</translation>
    </message>
    <message>
        <source>New card&apos;s progress</source>
        <translation>新卡进度</translation>
    </message>
    <message>
        <source>Now:</source>
        <translation>当前：</translation>
    </message>
    <message>
        <source>Move it on to:</source>
        <translation>改为：</translation>
    </message>
    <message>
        <source>The citizen&apos;s voucher lookup shows the new progress at once. Progress never moves back; the hand-over marks the card collected.</source>
        <translation>市民查询凭证时立即显示新的进度。进度不能回退；交付新卡后才标为已领取。</translation>
    </message>
    <message>
        <source>Hand over the new card</source>
        <translation>交付新卡</translation>
    </message>
    <message>
        <source>Before you hand over the new card, check:</source>
        <translation>交付新卡前，请核验：</translation>
    </message>
    <message>
        <source>1. The cardholder&apos;s original ID card (or household register), and the face.</source>
        <translation>1. 持卡人身份证原件（或户口簿），并核对本人。</translation>
    </message>
    <message>
        <source>2. The card receipt voucher: this number, scanned or typed.</source>
        <translation>2. 领卡凭证：即此凭证号（扫描或输入）。</translation>
    </message>
    <message>
        <source>3. Someone collecting for the cardholder: their own original ID card too.</source>
        <translation>3. 代领人：还须出示代领人本人的身份证原件。</translation>
    </message>
    <message>
        <source>I have checked the citizen&apos;s original ID card</source>
        <translation>我已核验市民的身份证原件</translation>
    </message>
    <message>
        <source>Hand over</source>
        <translation>交付</translation>
    </message>
    <message>
        <source>Record {amount}</source>
        <translation>登记 {amount}</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>登记</translation>
    </message>
    <message>
        <source>Medical reimbursement</source>
        <translation>医疗费报销</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Move progress</source>
        <translation>更新进度</translation>
    </message>
    <message>
        <source>Hand over card</source>
        <translation>发放新卡</translation>
    </message>
    <message>
        <source>Reimburse</source>
        <translation>医疗费报销</translation>
    </message>
    <message>
        <source>An old code (SSK1), checked with this kiosk&apos;s secret key.</source>
        <translation>旧版二维码（SSK1），已用本机密钥核验。</translation>
    </message>
    <message>
        <source>The signature matches the public key {key}.</source>
        <translation>签名与公钥 {key} 相符。</translation>
    </message>
    <message>
        <source>Genuine. {how}</source>
        <translation>真实有效。{how}</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>开具时间</translation>
    </message>
    <message>
        <source>Issuing kiosk</source>
        <translation>开具终端</translation>
    </message>
    <message>
        <source>Cardholder</source>
        <translation>持卡人</translation>
    </message>
    <message>
        <source>Card number</source>
        <translation>卡号</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Ready from</source>
        <translation>预计领卡日期</translation>
    </message>
    <message>
        <source>Collect at</source>
        <translation>领卡网点</translation>
    </message>
    <message>
        <source>Original only</source>
        <translation>仅原件</translation>
    </message>
    <message>
        <source>Original and {n} reprints</source>
        <translation>原件及补打 {n} 次</translation>
    </message>
    <message>
        <source>Original and 1 reprint</source>
        <translation>原件及补打 1 次</translation>
    </message>
    <message>
        <source>Medical expenses reimbursed: {amount}, reviewed by {who} on {day}.</source>
        <translation>医疗费已报销：{amount}，审核人 {who}，审核日期 {day}。</translation>
    </message>
    <message>
        <source>History</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Not genuine — do not accept</source>
        <translation>不是真实凭证 — 请勿受理</translation>
    </message>
    <message>
        <source>Genuine</source>
        <translation>真实有效</translation>
    </message>
    <message>
        <source>Issued by another kiosk: this kiosk has no record of it, so its progress and history are not known here.</source>
        <translation>由其他终端开具：本机没有其记录，因此无法查看其进度和记录。</translation>
    </message>
    <message>
        <source>Voucher check</source>
        <translation>凭证核验</translation>
    </message>
    <message>
        <source>Checked offline, with public keys only.</source>
        <translation>仅用公钥离线核验。</translation>
    </message>
    <message>
        <source>Scan another voucher</source>
        <translation>扫描下一张凭证</translation>
    </message>
    <message>
        <source>Diagnostics</source>
        <translation>诊断</translation>
    </message>
    <message>
        <source>Self-test, devices, test page</source>
        <translation>自检、设备、测试页</translation>
    </message>
    <message>
        <source>PASS</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>WARN</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>SKIP</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>The diagnostics tools are not available on this kiosk.</source>
        <translation>本机未提供诊断工具。</translation>
    </message>
    <message>
        <source>The self-test could not run to the end. Try again, or run kiosk diag selftest from a terminal.</source>
        <translation>自检未能运行完毕。请重试，或在终端运行 kiosk diag selftest。</translation>
    </message>
    <message>
        <source>The printer&apos;s state could not be read. Try again in a moment.</source>
        <translation>无法读取打印机状态，请稍后重试。</translation>
    </message>
    <message>
        <source>The test page could not be made. Check the printer, then try again.</source>
        <translation>无法生成测试页。请检查打印机后重试。</translation>
    </message>
    <message>
        <source>Self-test failed ({n} of {total} checks). The kiosk should not serve.</source>
        <translation>自检未通过（{total} 项检查中 {n} 项失败）。本机不应对外服务。</translation>
    </message>
    <message>
        <source>Self-test passed, with warnings ({n} of {total} checks): look at them.</source>
        <translation>自检通过，但有警告（{total} 项检查中 {n} 项）：请查看。</translation>
    </message>
    <message>
        <source>Self-test passed: {n} checks.</source>
        <translation>自检通过：共 {n} 项检查。</translation>
    </message>
    <message>
        <source>Recorded in the audit log.</source>
        <translation>已记入审计日志。</translation>
    </message>
    <message>
        <source>Not recorded in the audit log.</source>
        <translation>未记入审计日志。</translation>
    </message>
    <message>
        <source>The self-test is running. It takes a few seconds.</source>
        <translation>正在自检，需要几秒钟。</translation>
    </message>
    <message>
        <source>Run the self-test again</source>
        <translation>重新自检</translation>
    </message>
    <message>
        <source>Run self-test</source>
        <translation>运行自检</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>Connection, schema, checks, row counts</source>
        <translation>连接、结构版本、检查、行数</translation>
    </message>
    <message>
        <source>This report is not available on this kiosk.</source>
        <translation>本机无法提供此报告。</translation>
    </message>
    <message>
        <source>The report could not be made. Tap Check again in a moment.</source>
        <translation>报告未能生成。请稍后点“重新校验”。</translation>
    </message>
    <message>
        <source>The database file cannot be opened. Check the disk and the file&apos;s permissions, then tap Check again.</source>
        <translation>无法打开数据库文件。请检查磁盘和文件权限，然后点“重新校验”。</translation>
    </message>
    <message>
        <source>The back end does not answer. Check that the database server is running and the network cable is in, then tap Check again.</source>
        <translation>后台没有响应。请检查数据库服务器是否运行、网线是否插好，然后点“重新校验”。</translation>
    </message>
    <message>
        <source>There is no database yet. Restart the kiosk: it makes one at start.</source>
        <translation>尚无数据库。请重启自助机：启动时会自动创建。</translation>
    </message>
    <message>
        <source>The database driver is missing. Install the kiosk software again.</source>
        <translation>缺少数据库驱动。请重新安装自助机软件。</translation>
    </message>
    <message>
        <source>The database address in the settings cannot be used. Correct database_url in kiosk.toml.</source>
        <translation>设置中的数据库地址无法使用。请更正 kiosk.toml 中的 database_url。</translation>
    </message>
    <message>
        <source>The database file is damaged. Restore it from a backup.</source>
        <translation>数据库文件已损坏。请从备份恢复。</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Schema revision</source>
        <translation>结构版本</translation>
    </message>
    <message>
        <source>Integrity check</source>
        <translation>完整性检查</translation>
    </message>
    <message>
        <source>Audit chain</source>
        <translation>审计链</translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>待发消息</translation>
    </message>
    <message>
        <source>Centre</source>
        <translation>中心</translation>
    </message>
    <message>
        <source>Anchor at the centre</source>
        <translation>中心锚定</translation>
    </message>
    <message>
        <source>not known</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>{s} s</source>
        <translation>{s} 秒</translation>
    </message>
    <message>
        <source>{d} d {h} h</source>
        <translation>{d} 天 {h} 小时</translation>
    </message>
    <message>
        <source>{h} h {m} min</source>
        <translation>{h} 小时 {m} 分钟</translation>
    </message>
    <message>
        <source>{m} min</source>
        <translation>{m} 分钟</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Round trip</source>
        <translation>往返时间</translation>
    </message>
    <message>
        <source>{ms} ms</source>
        <translation>{ms} 毫秒</translation>
    </message>
    <message>
        <source>{revision}, as this kiosk expects</source>
        <translation>{revision}，与本机要求一致</translation>
    </message>
    <message>
        <source>{revision}; this kiosk expects {expected}</source>
        <translation>{revision}；本机要求 {expected}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Schema</source>
        <translation>结构版本</translation>
    </message>
    <message>
        <source>Nothing waiting</source>
        <translation>无待发消息</translation>
    </message>
    <message>
        <source>{n} waiting, the oldest for {age}</source>
        <translation>{n} 条待发，最早的已等待 {age}</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>应答正常</translation>
    </message>
    <message>
        <source>Not reachable: businesses are kept here and sent when it answers</source>
        <translation>无法连接：业务保存在本机，中心应答后发送</translation>
    </message>
    <message>
        <source>Refuses this kiosk: check central_url in kiosk.toml</source>
        <translation>拒绝本机：请检查 kiosk.toml 中的 central_url</translation>
    </message>
    <message>
        <source>Not known yet</source>
        <translation>尚不清楚</translation>
    </message>
    <message>
        <source>Not used</source>
        <translation>未使用</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Knows this kiosk as</source>
        <translation>中心识别本机为</translation>
    </message>
    <message>
        <source>Last message applied</source>
        <translation>最后应用的消息</translation>
    </message>
    <message>
        <source>Entry {seq} of chain {chain}</source>
        <translation>链 {chain} 第 {seq} 条</translation>
    </message>
    <message>
        <source>Anchored</source>
        <translation>已锚定</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>{state}; last sent {at}</source>
        <translation>{state}；最后发送于 {at}</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>发送程序</translation>
    </message>
    <message>
        <source>Fix: {fix}</source>
        <translation>处理方法：{fix}</translation>
    </message>
    <message>
        <source>Checking the database. It takes a few seconds.</source>
        <translation>正在检查数据库，需要几秒钟。</translation>
    </message>
    <message>
        <source>The database answers, but a check found a problem: see below.</source>
        <translation>数据库有响应，但检查发现问题：见下方。</translation>
    </message>
    <message>
        <source>The database answers and every check holds.</source>
        <translation>数据库有响应，各项检查均正常。</translation>
    </message>
    <message>
        <source>The kiosk&apos;s database as it answers now: its address (password hidden), schema, checks and rows.</source>
        <translation>本机数据库的当前状态：地址（已隐藏密码）、结构版本、检查结果和行数。</translation>
    </message>
    <message>
        <source>Rows per table</source>
        <translation>各表行数</translation>
    </message>
    <message>
        <source>The self-test checks the settings, disk, clock, card reader, printer, database, audit log and keys. Each run is recorded in the audit log.</source>
        <translation>自检将检查设置、磁盘、时钟、读卡器、打印机、数据库、审计日志和密钥。每次运行都会记入审计日志。</translation>
    </message>
    <message>
        <source>Printer and test page</source>
        <translation>打印机与测试页</translation>
    </message>
    <message>
        <source>Queue {queue}: {state}</source>
        <translation>打印队列 {queue}：{state}</translation>
    </message>
    <message>
        <source>Job {id} {name}: {state}</source>
        <translation>任务 {id} {name}：{state}</translation>
    </message>
    <message>
        <source>Newest PDF files in {folder}:</source>
        <translation>{folder} 中最新的 PDF 文件：</translation>
    </message>
    <message>
        <source>The test page was printed. Check it: every line should be sharp.</source>
        <translation>测试页已打印。请检查：每条线都应清晰。</translation>
    </message>
    <message>
        <source>The test page could not be printed. Check the printer.</source>
        <translation>测试页未能打印。请检查打印机。</translation>
    </message>
    <message>
        <source>Ready: {state}</source>
        <translation>就绪：{state}</translation>
    </message>
    <message>
        <source>Not ready: {state}</source>
        <translation>未就绪：{state}</translation>
    </message>
    <message>
        <source>The voucher printer as the kiosk sees it now. A test page is recorded in the audit log.</source>
        <translation>本机当前所见的凭条打印机状态。打印测试页会记入审计日志。</translation>
    </message>
    <message>
        <source>Print a test page</source>
        <translation>打印测试页</translation>
    </message>
    <message>
        <source>Voucher printer</source>
        <translation>凭条打印机</translation>
    </message>
    <message>
        <source>Card readers</source>
        <translation>读卡器</translation>
    </message>
    <message>
        <source>State, driver, pcscd, live</source>
        <translation>状态、驱动、pcscd，实时更新</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Power off</source>
        <translation>已断电</translation>
    </message>
    <message>
        <source>No device</source>
        <translation>无设备</translation>
    </message>
    <message>
        <source>Hardware error</source>
        <translation>硬件故障</translation>
    </message>
    <message>
        <source>User error</source>
        <translation>操作错误</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>被占用</translation>
    </message>
    <message>
        <source>Card in</source>
        <translation>有卡</translation>
    </message>
    <message>
        <source>No card</source>
        <translation>无卡</translation>
    </message>
    <message>
        <source>Card jammed</source>
        <translation>卡片卡住</translation>
    </message>
    <message>
        <source>Card: ?</source>
        <translation>卡片：未知</translation>
    </message>
    <message>
        <source>Not connected: check the reader&apos;s USB cable.</source>
        <translation>未连接：请检查读卡器的 USB 线。</translation>
    </message>
    <message>
        <source>pcscd does not answer: start it (systemctl start pcscd).</source>
        <translation>pcscd 无响应：请启动它（systemctl start pcscd）。</translation>
    </message>
    <message>
        <source>The card does not answer: inserted the wrong way round, or damaged.</source>
        <translation>卡片无响应：可能插反了，或卡片已损坏。</translation>
    </message>
    <message>
        <source>Another program holds the card (a second kiosk running?).</source>
        <translation>另一个程序正占用卡片（是否有第二个自助终端程序在运行？）。</translation>
    </message>
    <message>
        <source>The card is jammed: take it out.</source>
        <translation>卡片卡住：请取出。</translation>
    </message>
    <message>
        <source>The reader reports an error.</source>
        <translation>读卡器报告故障。</translation>
    </message>
    <message>
        <source>This is the demo&apos;s simulated card reader, inside the kiosk program: no pcscd is involved.</source>
        <translation>这是演示用的模拟读卡器，运行在自助终端程序内部：不涉及 pcscd。</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Smart card service (pcscd): running. Version: {version}.</source>
        <translation>智能卡服务（pcscd）：正在运行。版本：{version}。</translation>
    </message>
    <message>
        <source>Smart card service (pcscd): not running. Start it: systemctl start pcscd. Version: {version}.</source>
        <translation>智能卡服务（pcscd）：未运行。请启动：systemctl start pcscd。版本：{version}。</translation>
    </message>
    <message>
        <source>The kiosk uses the reader {name} (reader_name in the settings).</source>
        <translation>本机使用读卡器 {name}（设置中的 reader_name）。</translation>
    </message>
    <message>
        <source>The kiosk takes a card from any reader (no reader_name in the settings).</source>
        <translation>本机接受任一读卡器中的卡片（设置中未指定 reader_name）。</translation>
    </message>
    <message>
        <source>Driver: {driver}</source>
        <translation>驱动：{driver}</translation>
    </message>
    <message>
        <source>Changed at {time}</source>
        <translation>变化于 {time}</translation>
    </message>
    <message>
        <source>No change since this page opened</source>
        <translation>本页打开后无变化</translation>
    </message>
    <message>
        <source>Problem: {problem}</source>
        <translation>问题：{problem}</translation>
    </message>
    <message>
        <source>Last problem, until {time}: {problem}</source>
        <translation>上次问题（持续至 {time}）：{problem}</translation>
    </message>
    <message>
        <source>Last problem: {problem}</source>
        <translation>上次问题：{problem}</translation>
    </message>
    <message>
        <source>This kiosk has no card reader to look at.</source>
        <translation>本机没有可查看的读卡器。</translation>
    </message>
    <message>
        <source>The card readers could not be read. Try again in a moment, or run kiosk diag readers from a terminal.</source>
        <translation>无法读取读卡器状态。请稍后再试，或在终端运行 kiosk diag readers。</translation>
    </message>
    <message>
        <source>Looking at the card readers…</source>
        <translation>正在查看读卡器…</translation>
    </message>
    <message>
        <source>used by the kiosk</source>
        <translation>本机使用中</translation>
    </message>
    <message>
        <source>Each card reader as the kiosk sees it. The page follows readers and cards as they come and go.</source>
        <translation>本机所见的每台读卡器。读卡器或卡片插拔时，本页自动更新。</translation>
    </message>
    <message>
        <source>No card reader is connected. Check the reader&apos;s USB cable.</source>
        <translation>未连接读卡器。请检查读卡器的 USB 线。</translation>
    </message>
    <message>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>Versions, disk, clock, memory, log</source>
        <translation>版本、磁盘、时钟、内存、日志</translation>
    </message>
    <message>
        <source>Kiosk software</source>
        <translation>自助机软件</translation>
    </message>
    <message>
        <source>PostgreSQL server</source>
        <translation>PostgreSQL 服务器</translation>
    </message>
    <message>
        <source>The clock is behind: it is before this software was made. Vouchers printed now would carry a wrong date. Set the clock or turn on network time (NTP).</source>
        <translation>时钟偏慢：早于本软件的制作日期。此时打印的凭条日期会出错。请校准时钟或开启网络校时（NTP）。</translation>
    </message>
    <message>
        <source>The clock is far ahead. Vouchers printed now would carry a wrong date. Set the clock or turn on network time (NTP).</source>
        <translation>时钟严重偏快。此时打印的凭条日期会出错。请校准时钟或开启网络校时（NTP）。</translation>
    </message>
    <message>
        <source>The clock went back: it is behind the newest audit entry. Vouchers printed now would carry a wrong date. Set the clock or turn on network time (NTP).</source>
        <translation>时钟被调回：早于最新的审计记录。此时打印的凭条日期会出错。请校准时钟或开启网络校时（NTP）。</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>未找到</translation>
    </message>
    <message>
        <source>{free} free of {total} · {folder}</source>
        <translation>可用 {free}，共 {total} · {folder}</translation>
    </message>
    <message>
        <source>{free} available of {total}</source>
        <translation>可用 {free}，共 {total}</translation>
    </message>
    <message>
        <source>Disk (data folder)</source>
        <translation>磁盘（数据文件夹）</translation>
    </message>
    <message>
        <source>Clock (China time)</source>
        <translation>时钟（北京时间）</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>时区</translation>
    </message>
    <message>
        <source>Uptime</source>
        <translation>运行时间</translation>
    </message>
    <message>
        <source>system {system}, kiosk {kiosk}</source>
        <translation>系统 {system}，自助机程序 {kiosk}</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>内存</translation>
    </message>
    <message>
        <source>Reading the system. It takes a moment.</source>
        <translation>正在读取系统信息，请稍候。</translation>
    </message>
    <message>
        <source>The log has no lines yet.</source>
        <translation>日志中还没有内容。</translation>
    </message>
    <message>
        <source>This kiosk&apos;s machine: disk, clock, uptime, memory, the software&apos;s versions and the log&apos;s last lines.</source>
        <translation>本机的磁盘、时钟、运行时间、内存、软件版本和日志的最后几行。</translation>
    </message>
    <message>
        <source>This machine</source>
        <translation>本机</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Log, last {n} lines</source>
        <translation>日志（最后 {n} 行）</translation>
    </message>
    <message>
        <source>An ID card is on it, and could not be read</source>
        <translation>阅读器上有身份证，但无法读取</translation>
    </message>
    <message>
        <source>An ID card is on it</source>
        <translation>阅读器上有身份证</translation>
    </message>
    <message>
        <source>No ID card on it</source>
        <translation>阅读器上没有身份证</translation>
    </message>
    <message>
        <source>Driver: simulated (the demo&apos;s)</source>
        <translation>驱动：模拟（演示用）</translation>
    </message>
    <message>
        <source>{problem}. Fix: {fix}.</source>
        <translation>{problem}。处理方法：{fix}。</translation>
    </message>
    <message>
        <source>Resident ID card reader</source>
        <translation>居民身份证阅读器</translation>
    </message>
    <message>
        <source>(no port)</source>
        <translation>（无端口）</translation>
    </message>
    <message>
        <source>Port: {port}</source>
        <translation>端口：{port}</translation>
    </message>
</context>
<context>
    <name>StatusStrip</name>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Out of paper</source>
        <translation>缺纸</translation>
    </message>
    <message>
        <source>Paper low</source>
        <translation>纸将用完</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>{n} waiting</source>
        <translation>{n} 条待发送</translation>
    </message>
    <message>
        <source>Checking</source>
        <translation>检测中</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Unavailable</source>
        <translation>不可用</translation>
    </message>
    <message>
        <source>Card reader</source>
        <translation>读卡器</translation>
    </message>
    <message>
        <source>ID card reader</source>
        <translation>身份证阅读器</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>业务系统</translation>
    </message>
</context>
<context>
    <name>StepBar</name>
    <message>
        <source>Your card</source>
        <translation>卡片信息</translation>
    </message>
    <message>
        <source>Enter PIN</source>
        <translation>输入密码</translation>
    </message>
    <message>
        <source>Your records</source>
        <translation>查看记录</translation>
    </message>
    <message>
        <source>Step {n} of {total}</source>
        <translation>第 {n} 步，共 {total} 步</translation>
    </message>
    <message>
        <source>Step {n} of {total}: {step}</source>
        <translation>第 {n} 步，共 {total} 步：{step}</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>办理步骤</translation>
    </message>
    <message>
        <source>Identify</source>
        <translation>身份核验</translation>
    </message>
    <message>
        <source>Your request</source>
        <translation>办理事项</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>核对信息</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>确认办理</translation>
    </message>
    <message>
        <source>Voucher</source>
        <translation>领卡凭证</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>打印回执</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查询凭证</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>查询结果</translation>
    </message>
</context>
<context>
    <name>SummaryScreen</name>
    <message>
        <source>Please wait…</source>
        <translation>请稍候…</translation>
    </message>
    <message>
        <source>View my records</source>
        <translation>查看个人权益记录</translation>
    </message>
    <message>
        <source>Replace a damaged card</source>
        <translation>损坏换卡</translation>
    </message>
    <message>
        <source>Card status: {status}</source>
        <translation>卡片状态：{status}</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>Not on record</source>
        <translation>无记录</translation>
    </message>
    <message>
        <source>Your social security card</source>
        <translation>您的社会保障卡</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Social security number</source>
        <translation>社会保障号码</translation>
    </message>
    <message>
        <source>Card number</source>
        <translation>卡号</translation>
    </message>
    <message>
        <source>Issued on</source>
        <translation>发卡日期</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Next, you will enter your card&apos;s 6-digit PIN.</source>
        <translation>下一步需要输入 6 位社保卡密码。</translation>
    </message>
    <message>
        <source>Please take your card with you when you are done.</source>
        <translation>办理完毕后，请记得取走社保卡。</translation>
    </message>
</context>
<context>
    <name>TextPad</name>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete the last character</source>
        <translation>删除最后一位</translation>
    </message>
    <message>
        <source>Dash</source>
        <translation>短横线</translation>
    </message>
    <message>
        <source>Letter X</source>
        <translation>字母 X</translation>
    </message>
    <message>
        <source>Decimal point</source>
        <translation>小数点</translation>
    </message>
    <message>
        <source>Number keypad</source>
        <translation>数字键盘</translation>
    </message>
    <message>
        <source>Letter and number keypad</source>
        <translation>字母数字键盘</translation>
    </message>
</context>
<context>
    <name>VoucherField</name>
    <message>
        <source>This voucher number does not add up: a character may be mistyped. Please compare it with your voucher.</source>
        <translation>凭证号校验未通过，可能有字符输错，请与凭证核对。</translation>
    </message>
    <message>
        <source>Letters and digits as printed under the QR code. Dashes are optional.</source>
        <translation>按二维码下方印的字母和数字输入，短横线可不输。</translation>
    </message>
</context>
<context>
    <name>WhatHappenedScreen</name>
    <message>
        <source>Card status: {status}</source>
        <translation>卡片状态：{status}</translation>
    </message>
    <message>
        <source>This card is already under a temporary loss report. You can still report it lost for good.</source>
        <translation>这张卡已临时挂失，仍可办理正式挂失。</translation>
    </message>
    <message>
        <source>Not possible for this card.</source>
        <translation>这张卡不能办理此项业务。</translation>
    </message>
    <message>
        <source>A new card is already being made for you: see Voucher / reissue progress.</source>
        <translation>您的新卡已在办理中，可在首页“领卡凭证 / 补卡进度查询”中查看。</translation>
    </message>
    <message>
        <source>Not possible for this card. Please ask at a counter.</source>
        <translation>这张卡不能办理此项业务，请到服务窗口咨询。</translation>
    </message>
    <message>
        <source>What happened to the card?</source>
        <translation>卡片出了什么情况？</translation>
    </message>
    <message>
        <source>Choose one. Nothing is done yet: you will see what it means and confirm.</source>
        <translation>请选择一项。现在还不会办理：下一步会说明对卡片的影响，再请您确认。</translation>
    </message>
    <message>
        <source>Cardholder</source>
        <translation>持卡人</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号码</translation>
    </message>
    <message>
        <source>Card number</source>
        <translation>卡号</translation>
    </message>
    <message>
        <source>Card status</source>
        <translation>卡片状态</translation>
    </message>
    <message>
        <source>Can be undone</source>
        <translation>可解挂</translation>
    </message>
    <message>
        <source>Final</source>
        <translation>不可撤销</translation>
    </message>
    <message>
        <source>For a card you may still find. It is blocked at once. If it turns up, you can undo this at this kiosk with the card and its PIN.</source>
        <translation>适用于可能找回的卡片。卡片立即停用，找回后可持卡在本机输入密码解挂。</translation>
    </message>
    <message>
        <source>Lost: report it and get a new card</source>
        <translation>丢失补卡</translation>
    </message>
    <message>
        <source>The card stops working for good. A new card is made for you to collect.</source>
        <translation>正式挂失，原卡永久停用。为您制作新卡，到网点领取。</translation>
    </message>
    <message>
        <source>Stolen: report it and get a new card</source>
        <translation>被盗补卡</translation>
    </message>
    <message>
        <source>As for a lost card, and recorded as stolen. A new card is made for you.</source>
        <translation>正式挂失并登记为被盗，原卡永久停用。为您制作新卡。</translation>
    </message>
</context>
<context>
    <name>WorkSection</name>
    <message>
        <source>Work history</source>
        <translation>工作经历</translation>
    </message>
    <message>
        <source>Qualifications</source>
        <translation>职业资格</translation>
    </message>
    <message>
        <source>No work history on record.</source>
        <translation>暂无工作经历记录。</translation>
    </message>
    <message>
        <source>present</source>
        <translation>至今</translation>
    </message>
    <message>
        <source>{start} to {end}</source>
        <translation>{start} 至 {end}</translation>
    </message>
    <message>
        <source>No qualifications on record.</source>
        <translation>暂无职业资格记录。</translation>
    </message>
    <message>
        <source>Certificate no. {number}</source>
        <translation>证书编号：{number}</translation>
    </message>
    <message>
        <source>Issued on {date} by {issuer}</source>
        <translation>{date} 由{issuer}颁发</translation>
    </message>
</context>
</TS>
